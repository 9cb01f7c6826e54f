/**
 * The Teach panel (issue 16), under the monitor section: whole-mix snapshots with "What changed",
 * lessons, and ear-training; plus presenter mode for a projector. Opens by itself when a lesson
 * starts.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { EarTrainingSection } from './EarTrainingSection';
import { followCanvasHighlight } from './canvasHighlight';
import { followLastSaved } from './lastSaved';
import { followLesson } from './lessonRunner';
import { LessonSection } from './LessonSection';
import { followSlotLoudness } from './snapshotActions';
import { SnapshotsSection } from './SnapshotsSection';
import { setTeach, useTeach } from './teachStore';
import { WhatChanged } from './WhatChanged';
import './teach.css';

type Tab = 'snapshots' | 'lesson' | 'ears';
const TABS: { id: Tab; label: string }[] = [
  { id: 'snapshots', label: 'Snapshots' },
  { id: 'lesson', label: 'Lesson' },
  { id: 'ears', label: 'Ear training' },
];

/** How much larger the canvas is drawn in presenter mode. */
const PRESENTER_ZOOM = 1.35;

/**
 * Presenter mode: a class on the page root scales the inspector, meters and panels, and the canvas
 * zooms in by the same factor around its centre (scaling the nodes themselves would make them
 * overlap; zooming the view keeps the layout). Leaving zooms back out.
 */
function usePresenter(on: boolean): void {
  const flow = useReactFlow();
  const first = useRef(true);
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', on);
    if (first.current) {
      first.current = false;
      if (!on) return;
    }
    const zoom = flow.getZoom();
    void flow.zoomTo(on ? zoom * PRESENTER_ZOOM : zoom / PRESENTER_ZOOM, { duration: 200 });
  }, [on, flow]);
}

/** The Teach panel; see the file comment. */
export function TeachPanel() {
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState<Tab>('snapshots');
  const lessonOpen = useTeach((s) => s.lesson !== null);
  const presenter = useTeach((s) => s.presenter);
  usePresenter(presenter);
  useEffect(() => {
    const stops = [followLastSaved(), followCanvasHighlight(), followSlotLoudness(), followLesson()];
    return () => stops.forEach((stop) => stop());
  }, []);
  useEffect(() => {
    if (!lessonOpen) return;
    setOpen(true);
    setTab('lesson');
  }, [lessonOpen]);

  return (
    <details className="panel-section teach" aria-label="Teach" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="panel-section__title teach__title">Teach{lessonOpen ? ' · lesson open' : ''}</summary>
      <div className="teach__tabs" role="tablist" aria-label="Teaching tools">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="teach__tab" onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
        <label className="teach__check teach__presenter" title="Larger node text, controls and meters for a projector">
          <input type="checkbox" checked={presenter} onChange={(e) => setTeach({ presenter: e.target.checked })} />
          Presenter
        </label>
      </div>
      {open && tab === 'snapshots' && (
        <div role="tabpanel" aria-label="Snapshots">
          <SnapshotsSection />
          <WhatChanged />
        </div>
      )}
      {open && tab === 'lesson' && (
        <div role="tabpanel" aria-label="Lesson">
          <LessonSection />
        </div>
      )}
      {open && tab === 'ears' && (
        <div role="tabpanel" aria-label="Ear training">
          <EarTrainingSection />
        </div>
      )}
    </details>
  );
}
