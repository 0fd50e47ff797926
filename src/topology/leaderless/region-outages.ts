/** One loss of a whole region, as the active/active tier's recovery figures see it (seconds; plain data). */
export interface RegionOutageData {
  region: string;
  /** When the region's last node went down. */
  at: number;
  /** From the loss to the failure detector suspecting the region's last node (null: never, in the window). */
  detection: number | null;
  /** From the loss to the first answered write (read) of the lost region's clients (null: none in the window). */
  rtoWrite: number | null;
  rtoRead: number | null;
  /** Requests of the other regions' clients that failed for good while the region was out: 0, they never lost service. */
  otherRegionsFailed: number;
  /**
   * Acknowledged writes whose only copies at the loss were in the lost region: keys whose newest acknowledged version
   * at the loss is newer than every copy the replicas outside the region hold when the region returns (or at the
   * window's end). A copy already sent lands even if its sender crashes, so what was in flight counts as held.
   */
  writesLost: number;
}

/** What the tracker needs of the cluster: the per-key versions and where each key's replicas are. */
export interface RegionOutageSources {
  keyCount: number;
  replicas: number;
  committed(key: number): number;
  heldBy(key: number, slot: number): number;
  replicaNode(key: number, slot: number): number;
  regionOf(node: number): number;
  nodeCount(): number;
}

interface OpenOutage {
  region: number;
  at: number;
  detectedAt: number;
  firstAnswer: [number, number];
  otherFailed: number;
  /** Per key, the newest version acknowledged at the loss (0: none). */
  acknowledged: Float64Array;
}

/**
 * The losses of whole regions of a leaderless cluster in the measured window (issue 14, the active/active tier's RPO
 * and RTO): a region is lost when its last node crashes, detected when the detector suspects its last node, served
 * again when its clients' first write (read) is answered (through another region's coordinators), and back when its
 * first node is restored. Memory: one version per key for each outage still open.
 */
export class RegionOutages {
  private readonly down: Int32Array;
  private readonly suspected: Int32Array;
  private readonly open: (OpenOutage | null)[];
  private finished: RegionOutageData[] = [];
  private counting = false;

  constructor(
    private readonly sources: RegionOutageSources,
    private readonly regionNames: readonly string[],
  ) {
    this.down = new Int32Array(regionNames.length);
    this.suspected = new Int32Array(regionNames.length);
    this.open = regionNames.map(() => null);
  }

  begin(): void {
    this.counting = true;
    this.finished = [];
    this.open.fill(null);
  }

  end(): void {
    this.counting = false;
  }

  private nodesIn(region: number): number {
    let count = 0;
    for (let node = 0; node < this.sources.nodeCount(); node++) if (this.sources.regionOf(node) === region) count++;
    return count;
  }

  /** `node` went down (its first crash episode). */
  crashed(node: number, now: number): void {
    const region = this.sources.regionOf(node);
    if (region < 0 || ++this.down[region] < this.nodesIn(region) || !this.counting) return;
    const acknowledged = new Float64Array(this.sources.keyCount);
    for (let key = 0; key < acknowledged.length; key++) acknowledged[key] = this.sources.committed(key);
    const detectedAt = this.suspected[region] >= this.nodesIn(region) ? now : NaN;
    this.open[region] = { region, at: now, detectedAt, firstAnswer: [NaN, NaN], otherFailed: 0, acknowledged };
  }

  /** `node` is up again (its last crash episode ended): its region's outage, if open, is over. */
  restored(node: number): void {
    const region = this.sources.regionOf(node);
    if (region < 0) return;
    this.down[region]--;
    this.close(region);
  }

  /** The detector suspects (`suspect`) or trusts again `node`. */
  detector(node: number, suspect: boolean, now: number): void {
    const region = this.sources.regionOf(node);
    if (region < 0) return;
    this.suspected[region] += suspect ? 1 : -1;
    const outage = this.open[region];
    if (suspect && outage !== null && Number.isNaN(outage.detectedAt) && this.suspected[region] >= this.nodesIn(region)) outage.detectedAt = now;
  }

  /** A measured request of clients in `region` (`write` 1 for a write) was answered at `now`. */
  answered(region: number, write: number, now: number): void {
    const outage = this.open[region];
    if (outage !== null && Number.isNaN(outage.firstAnswer[write])) outage.firstAnswer[write] = now;
  }

  /** A measured request of clients in `region` failed for good. */
  failed(region: number): void {
    for (const outage of this.open) if (outage !== null && outage.region !== region) outage.otherFailed++;
  }

  private close(region: number): void {
    const outage = this.open[region];
    if (outage === null) return;
    this.open[region] = null;
    const since = (t: number) => (Number.isNaN(t) ? null : t - outage.at);
    this.finished.push({
      region: this.regionNames[region],
      at: outage.at,
      detection: since(outage.detectedAt),
      rtoWrite: since(outage.firstAnswer[1]),
      rtoRead: since(outage.firstAnswer[0]),
      otherRegionsFailed: outage.otherFailed,
      writesLost: this.writesLost(outage),
    });
  }

  private writesLost(outage: OpenOutage): number {
    const { replicas, heldBy, replicaNode, regionOf } = this.sources;
    let lost = 0;
    for (let key = 0; key < outage.acknowledged.length; key++) {
      const version = outage.acknowledged[key];
      if (version === 0) continue;
      let kept = false;
      for (let slot = 0; slot < replicas && !kept; slot++) {
        kept = regionOf(replicaNode(key, slot)) !== outage.region && heldBy(key, slot) >= version;
      }
      if (!kept) lost++;
    }
    return lost;
  }

  /** The outages of the window, those still open closed now (the window's end). */
  toData(): RegionOutageData[] {
    for (let region = 0; region < this.open.length; region++) this.close(region);
    return this.finished;
  }
}
