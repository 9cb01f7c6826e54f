/**
 * Ear-training: exercises on the mix or a demo stem, seeded so a class shares one seed and hears
 * the same questions. Every version is loudness-matched (quizAudio.ts), so level never gives the
 * answer away. "Which band?" is answered by clicking the EQ plot. Scores stay in this browser.
 */
import { useEffect, useState } from 'react';
import type { Graph } from '../../graph/types';
import { MASTER_NODE_TYPE } from '../../nodes/registry';
import { DEMO_STEMS } from '../../nodes/source/demo';
import { type Difficulty, type ExerciseKind, type Question, generateQuestion, isBandClickCorrect } from '../../teaching/earTraining';
import { clipLibrary } from '../live/clipLibrary';
import { rootGraph } from '../store/editorState';
import { AbxSection } from './AbxSection';
import { renderQuestion } from './quizAudio';
import { type Score, readScore, recordAnswer } from './quizScores';
import { useQuizAudio } from './useQuizAudio';

const KINDS: { id: ExerciseKind; label: string }[] = [
  { id: 'which-band', label: 'Which band was boosted?' },
  { id: 'boost-or-cut', label: 'Boost or cut?' },
  { id: 'compressed', label: 'Compressed or not?' },
  { id: 'louder', label: 'Which is louder?' },
];
const LEVELS: { id: Difficulty; label: string }[] = [
  { id: 1, label: 'Easy' },
  { id: 2, label: 'Medium' },
  { id: 3, label: 'Hard' },
  { id: 4, label: 'Expert' },
];

/** The clips a source may be: the demo stems and every audio file dropped on the editor. */
function useSourceClips(): string[] {
  const [dropped, setDropped] = useState(() => clipLibrary.names());
  useEffect(() => clipLibrary.onAdd(() => setDropped(clipLibrary.names())), []);
  return [...DEMO_STEMS.map((stem) => `demo:${stem}`), ...dropped.map((name) => `file:${name}`)];
}

function sourceGraph(source: string): { graph: Graph; master: string } {
  if (source === 'mix') {
    const graph = rootGraph();
    const master = graph.nodes.find((n) => n.type === MASTER_NODE_TYPE);
    if (master === undefined) throw new Error('the graph has no output node');
    return { graph, master: master.id };
  }
  return {
    graph: {
      format: 'mixgraph',
      version: 1,
      name: 'Ear training',
      nodes: [
        { id: 'clip', type: 'source', position: { x: 0, y: 0 }, params: { clip: source } },
        { id: 'master', type: MASTER_NODE_TYPE, position: { x: 300, y: 0 }, params: {} },
      ],
      edges: [{ id: 'w', from: { node: 'clip', port: 'out' }, to: { node: 'master', port: 'in' } }],
    },
    master: 'master',
  };
}

const PLOT = { width: 300, height: 80, low: 20, high: 20000 };
const xOf = (hz: number) => (Math.log(hz / PLOT.low) / Math.log(PLOT.high / PLOT.low)) * PLOT.width;
const hzOf = (x: number) => PLOT.low * (PLOT.high / PLOT.low) ** (x / PLOT.width);

/** A log-frequency plot to click: the bands the question offers, and after answering, the answer. */
function BandPlot({ question, picked, onPick }: { question: Question; picked: number | null; onPick: (hz: number) => void }) {
  return (
    <svg
      className="teach__band-plot"
      viewBox={`0 0 ${PLOT.width} ${PLOT.height}`}
      role="img"
      aria-label="EQ plot: click the boosted band"
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        onPick(hzOf(((e.clientX - box.left) / box.width) * PLOT.width));
      }}
    >
      {[100, 1000, 10000].map((hz) => (
        <g key={hz}>
          <line x1={xOf(hz)} x2={xOf(hz)} y1={0} y2={PLOT.height} className="teach__grid" />
          <text x={xOf(hz) + 2} y={PLOT.height - 3} className="teach__axis">
            {hz >= 1000 ? `${hz / 1000}k` : hz}
          </text>
        </g>
      ))}
      {question.choices.map((c) => (
        <line key={c.id} x1={xOf(Number(c.id))} x2={xOf(Number(c.id))} y1={8} y2={PLOT.height - 14} className="teach__band" />
      ))}
      {picked !== null && <line x1={xOf(picked)} x2={xOf(picked)} y1={0} y2={PLOT.height} className="teach__picked" />}
      {picked !== null && question.band !== undefined && (
        <rect
          x={xOf(question.band.hz * 2 ** -question.band.toleranceOctaves)}
          width={xOf(question.band.hz * 2 ** question.band.toleranceOctaves) - xOf(question.band.hz * 2 ** -question.band.toleranceOctaves)}
          y={0}
          height={PLOT.height}
          className="teach__answer-band"
        />
      )}
    </svg>
  );
}

type Phase = { kind: 'idle' } | { kind: 'rendering' } | { kind: 'ready' } | { kind: 'answered'; correct: boolean; picked: string } | { kind: 'failed'; message: string };

/** The ear-training section; see the file comment. */
export function EarTrainingSection() {
  const [mode, setMode] = useState<ExerciseKind | 'abx'>('which-band');
  const kind: ExerciseKind = mode === 'abx' ? 'which-band' : mode;
  const [difficulty, setDifficulty] = useState<Difficulty>(1);
  const [source, setSource] = useState('demo:drums');
  const clips = useSourceClips();
  const [seed, setSeed] = useState('class');
  const [round, setRound] = useState(0);
  const [question, setQuestion] = useState<Question | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [picked, setPicked] = useState<number | null>(null);
  const [score, setScore] = useState<Score>(() => readScore('which-band'));
  const quiz = useQuizAudio();

  useEffect(() => setScore(readScore(kind)), [kind]);

  const next = async () => {
    const q = generateQuestion(kind, seed, round, difficulty);
    setRound(round + 1);
    setQuestion(q);
    setPicked(null);
    setPhase({ kind: 'rendering' });
    try {
      const { graph, master } = sourceGraph(source);
      await quiz.prepare((context) => renderQuestion(context, graph, master, q));
      setPhase({ kind: 'ready' });
    } catch (cause) {
      setPhase({ kind: 'failed', message: cause instanceof Error ? cause.message : String(cause) });
    }
  };

  const answer = (choice: string, correct: boolean) => {
    if (question === null || phase.kind !== 'ready') return;
    setScore(recordAnswer(question.kind, correct));
    setPhase({ kind: 'answered', correct, picked: choice });
  };

  const answerLabel = question?.choices.find((c) => c.id === question.answer)?.label ?? '';
  const ready = phase.kind === 'ready' || phase.kind === 'answered';

  return (
    <div className="teach__quiz" aria-label="Ear training">
      <div className="teach__row">
        <select className="teach__select" aria-label="Exercise" value={mode} onChange={(e) => setMode(e.target.value as ExerciseKind | 'abx')}>
          {KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
          <option value="abx">ABX: two snapshots</option>
        </select>
        <select className="teach__select" aria-label="Difficulty" value={difficulty} onChange={(e) => setDifficulty(Number(e.target.value) as Difficulty)}>
          {LEVELS.map((l) => (
            <option key={l.id} value={l.id}>
              {l.label}
            </option>
          ))}
        </select>
      </div>
      {mode === 'abx' ? (
        <>
          <label className="teach__field teach__field--inline">
            Seed
            <input className="text-input teach__seed" value={seed} onChange={(e) => setSeed(e.target.value.slice(0, 40))} />
          </label>
          <AbxSection seed={seed} />
        </>
      ) : (
        <>
          <div className="teach__row">
            <select className="teach__select" aria-label="Source" value={source} onChange={(e) => setSource(e.target.value)}>
              {clips.map((clip) => (
                <option key={clip} value={clip}>
                  {clip.startsWith('demo:') ? `Demo ${clip.slice(5)}` : clip.slice(5)}
                </option>
              ))}
              <option value="mix">The mix</option>
            </select>
            <label className="teach__field teach__field--inline">
              Seed
              <input className="text-input teach__seed" value={seed} onChange={(e) => setSeed(e.target.value.slice(0, 40))} title="Everyone with the same seed hears the same questions" />
            </label>
            <button type="button" className="btn btn--small btn--primary" disabled={phase.kind === 'rendering'} onClick={() => void next()}>
              {question === null ? 'Start' : 'Next question'}
            </button>
          </div>
          {phase.kind === 'rendering' && <p className="teach__muted">Preparing the question…</p>}
          {phase.kind === 'failed' && (
            <p className="field-error" role="alert">
              Could not prepare the question: {phase.message}
            </p>
          )}
          {question !== null && ready && (
            <>
              <p className="teach__prompt">{question.prompt}</p>
              <div className="teach__row" role="group" aria-label="Listen">
                {question.versions.map((v, i) => (
                  <button key={v.label} type="button" className="teach__slot teach__slot--small" aria-pressed={quiz.playing === i} onClick={() => quiz.listen(i)}>
                    ▶ {v.label}
                  </button>
                ))}
                <button type="button" className="btn btn--small" onClick={quiz.stop}>
                  Stop
                </button>
              </div>
              {question.kind === 'which-band' ? (
                <BandPlot
                  question={question}
                  picked={picked}
                  onPick={(hz) => {
                    if (phase.kind !== 'ready') return;
                    setPicked(hz);
                    answer(String(Math.round(hz)), isBandClickCorrect(question, hz));
                  }}
                />
              ) : (
                <div className="teach__row" role="group" aria-label="Answer">
                  {question.choices.map((c) => (
                    <button key={c.id} type="button" className="btn btn--small" disabled={phase.kind !== 'ready'} onClick={() => answer(c.id, c.id === question.answer)}>
                      {c.label}
                    </button>
                  ))}
                </div>
              )}
              {phase.kind === 'answered' && (
                <p className="teach__result" data-correct={phase.correct} role="status">
                  {phase.correct ? 'Right!' : 'Not quite.'} The answer: {answerLabel}
                  {question.kind === 'louder' && question.answer === 'same' ? ' — they were level-matched; the brighter one only sounded louder.' : ''}
                </p>
              )}
            </>
          )}
          <p className="teach__muted" aria-label="Score">
            Score {score.correct}/{score.answered} · streak {score.streak} · best {score.best}
          </p>
        </>
      )}
    </div>
  );
}
