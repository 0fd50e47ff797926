/** One loss of the leader's whole region in the window (seconds after the loss; null: not in the window). */
export interface LeaderRegionLoss {
  region: string;
  at: number;
  /** From the loss to the next leader (Raft's election among the voters left). */
  election: number | null;
  /** From the loss to the first measured write answered under the next leader. */
  rtoWrite: number | null;
  /** Acknowledged measured writes the next leader's log lacks (the store's own check; 0 with a majority spanning regions). */
  writesLost: number;
}

interface Open {
  region: number;
  at: number;
  elected: number;
  firstWrite: number;
  lostBefore: number;
  writesLost: number;
}

/**
 * The losses of the region holding the leader of a single-leader store whose voters span regions (issue 14, the
 * single-leader active/active tier): a loss opens when the last node of the region of the last leader goes down and
 * closes when one of its nodes returns. Memory: a record per loss in the window.
 */
export class LeaderRegionLosses {
  private readonly size: Int32Array;
  private readonly down: Int32Array;
  private leaderRegion = -1;
  private open: Open | null = null;
  private finished: LeaderRegionLoss[] = [];
  private counting = false;

  constructor(
    private readonly regions: readonly string[],
    /** The region index of each of the scenario's nodes. */
    private readonly regionOfNode: readonly number[],
  ) {
    this.size = new Int32Array(regions.length);
    this.down = new Int32Array(regions.length);
    for (const region of regionOfNode) this.size[region]++;
  }

  begin(): void {
    this.counting = true;
    this.finished = [];
    this.open = null;
  }

  end(): void {
    this.close();
    this.counting = false;
  }

  /** The cluster's leader is `leader` (-1: none) from `now`; `lost`: acknowledged writes found lost so far. */
  leader(now: number, leader: number, lost: number): void {
    if (leader < 0 || leader >= this.regionOfNode.length) return;
    this.leaderRegion = this.regionOfNode[leader];
    const open = this.open;
    if (open !== null && Number.isNaN(open.elected)) {
      open.elected = now;
      open.writesLost = lost - open.lostBefore;
    }
  }

  crashed(node: number, now: number, lost: number): void {
    if (node >= this.regionOfNode.length) return;
    const region = this.regionOfNode[node];
    if (++this.down[region] < this.size[region] || region !== this.leaderRegion || !this.counting || this.open !== null) return;
    this.open = { region, at: now, elected: NaN, firstWrite: NaN, lostBefore: lost, writesLost: 0 };
  }

  restored(node: number): void {
    if (node >= this.regionOfNode.length) return;
    const region = this.regionOfNode[node];
    this.down[region]--;
    if (this.open?.region === region) this.close();
  }

  /**
   * A measured write was answered at `now`. Only one answered once the next leader is elected counts: a reply the
   * lost leader sent before its crash still lands, and is no recovery.
   */
  written(now: number): void {
    const open = this.open;
    if (open !== null && Number.isNaN(open.firstWrite) && now >= open.elected) open.firstWrite = now;
  }

  private close(): void {
    const open = this.open;
    if (open === null) return;
    this.open = null;
    const since = (t: number) => (Number.isNaN(t) ? null : t - open.at);
    this.finished.push({ region: this.regions[open.region], at: open.at, election: since(open.elected), rtoWrite: since(open.firstWrite), writesLost: open.writesLost });
  }

  /** The losses of the window (one still open is closed at the window's end). */
  toData(): LeaderRegionLoss[] {
    return this.finished;
  }

  /** Node-hours over `window` seconds of the nodes outside `region`. */
  nodeHoursOutside(region: string, window: number): number {
    let outside = 0;
    for (const r of this.regionOfNode) if (this.regions[r] !== region) outside++;
    return (outside * window) / 3600;
  }
}
