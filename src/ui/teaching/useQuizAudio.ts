/**
 * The audio side of a quiz (ear training, ABX): one AudioContext and QuizPlayer for the section's
 * life, the rendered versions of the current question, and which one is heard. Listening pauses
 * the transport, so the graph and a quiz version never play over each other.
 */
import { useEffect, useRef, useState } from 'react';
import { liveStore } from '../live/liveStore';
import { pause } from '../live/transport';
import { QuizPlayer } from './quizAudio';

/** What `useQuizAudio` gives a quiz section. */
export interface QuizAudio {
  /** The index of the version playing, or null. */
  playing: number | null;
  /**
   * Stops what plays, then renders the next question's versions with `render` (given the section's
   * context, made at 48 kHz on first use) and keeps them for `listen`. Rejects as `render` does.
   */
  prepare: (render: (context: AudioContext) => Promise<AudioBuffer[]>) => Promise<void>;
  /** Plays version `index` (looping, crossfaded from the one before), pausing the transport. */
  listen: (index: number) => void;
  /** Stops playback. */
  stop: () => void;
}

/** See the file comment; the context is closed when the section unmounts. */
export function useQuizAudio(): QuizAudio {
  const audio = useRef<{ context: AudioContext; player: QuizPlayer; buffers: AudioBuffer[] } | null>(null);
  const [playing, setPlaying] = useState<number | null>(null);
  useEffect(
    () => () => {
      audio.current?.player.stop();
      void audio.current?.context.close();
    },
    [],
  );

  const stop = () => {
    audio.current?.player.stop();
    setPlaying(null);
  };

  const prepare = async (render: (context: AudioContext) => Promise<AudioBuffer[]>) => {
    stop();
    const context = audio.current?.context ?? new AudioContext({ sampleRate: 48_000 });
    const buffers = await render(context);
    audio.current = { context, player: audio.current?.player ?? new QuizPlayer(context), buffers };
  };

  const listen = (index: number) => {
    const current = audio.current;
    if (current === null) return;
    if (liveStore.get().playing) pause();
    void current.context.resume();
    current.player.play(current.buffers[index]!);
    setPlaying(index);
  };

  return { playing, prepare, listen, stop };
}
