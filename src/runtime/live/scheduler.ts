/**
 * Tasks that must wait for the audio clock: taking a wire or node apart once its fade-out has
 * played. Context time, not wall time, decides (an OfflineAudioContext runs faster than real
 * time and stops while suspended), so the engine calls `runDue` on every update and on a timer.
 */
export class ContextScheduler {
  private tasks: { at: number; run: () => void }[] = [];

  constructor(private readonly now: () => number) {}

  /** Queues `run` for when the context time reaches `at`. */
  later(at: number, run: () => void): void {
    this.tasks.push({ at, run });
  }

  /** Runs every task whose time has come. */
  runDue(): void {
    if (this.tasks.length === 0) return;
    const now = this.now();
    const due = this.tasks.filter((t) => t.at <= now);
    if (due.length === 0) return;
    this.tasks = this.tasks.filter((t) => t.at > now);
    for (const t of due) t.run();
  }

  /** Runs every pending task now (engine disposal). */
  flush(): void {
    const all = this.tasks;
    this.tasks = [];
    for (const t of all) t.run();
  }

  get pending(): number {
    return this.tasks.length;
  }
}
