/**
 * Repair crews shared by every crashed node: a repair starts when a crew is free, first come first served. With
 * unlimited crews every repair starts at once (independent repair).
 */
export class RepairShop {
  private busy = 0;
  private readonly waiting: { duration: () => number; done: () => void }[] = [];

  constructor(
    private readonly crews: number,
    private readonly now: () => number,
    private readonly schedule: (time: number, action: () => void) => void,
  ) {}

  request(duration: () => number, done: () => void): void {
    if (this.busy < this.crews) this.start(duration, done);
    else this.waiting.push({ duration, done });
  }

  private start(duration: () => number, done: () => void): void {
    this.busy++;
    this.schedule(this.now() + duration(), () => {
      this.busy--;
      const next = this.waiting.shift();
      if (next) this.start(next.duration, next.done);
      done();
    });
  }
}
