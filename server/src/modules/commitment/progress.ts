import { COMMITMENT_AREAS, type CommitmentArea, ProgressStatus } from './commitment.entity';

export interface CommitmentTarget {
  targetQuantity: number | null;
  dueDate: string | null;
}

export interface ProgressTotals {
  achievedQuantity: number;
  completedByEntry: boolean;
  entryCount: number;
  lastEntryDate: string | null;
}

export const NO_PROGRESS: ProgressTotals = {
  achievedQuantity: 0,
  completedByEntry: false,
  entryCount: 0,
  lastEntryDate: null,
};

/** Share of a commitment done, 0..1: the quantity reached, or all-or-nothing for a criterion. */
export function completion(target: CommitmentTarget, totals: ProgressTotals): number {
  if (totals.completedByEntry) return 1;
  if (target.targetQuantity && target.targetQuantity > 0) {
    return Math.min(1, totals.achievedQuantity / target.targetQuantity);
  }
  return 0;
}

/**
 * Done when the target quantity is reached (or an entry marks the criterion reached); overdue when
 * the due date has passed without that; in progress once any work is recorded.
 */
export function commitmentStatus(
  target: CommitmentTarget,
  totals: ProgressTotals,
  today: string,
): ProgressStatus {
  if (completion(target, totals) >= 1) return ProgressStatus.COMPLETED;
  if (target.dueDate && target.dueDate < today) return ProgressStatus.OVERDUE;
  if (totals.entryCount > 0) return ProgressStatus.IN_PROGRESS;
  return ProgressStatus.NOT_STARTED;
}

export interface AreaSummary<C> {
  area: CommitmentArea;
  commitments: C[];
  commitmentCount: number;
  completedCount: number;
  targetQuantity: number | null;
  achievedQuantity: number;
  percent: number;
  status: ProgressStatus;
}

/** Rolls commitments up into exactly the five areas, in the memorandum's order, empty ones included. */
export function summariseAreas<C extends CommitmentTarget & { area: CommitmentArea }>(
  commitments: C[],
  totalsOf: (c: C) => ProgressTotals,
  today: string,
): AreaSummary<C>[] {
  return COMMITMENT_AREAS.map((area) => {
    const inArea = commitments.filter((c) => c.area === area);
    const statuses = inArea.map((c) => commitmentStatus(c, totalsOf(c), today));
    const quantified = inArea.filter((c) => c.targetQuantity !== null);
    const percent =
      inArea.length === 0
        ? 0
        : Math.floor(
            (100 * inArea.reduce((sum, c) => sum + completion(c, totalsOf(c)), 0)) / inArea.length,
          );
    let status = ProgressStatus.NOT_STARTED;
    if (inArea.length > 0 && statuses.every((s) => s === ProgressStatus.COMPLETED))
      status = ProgressStatus.COMPLETED;
    else if (statuses.includes(ProgressStatus.OVERDUE)) status = ProgressStatus.OVERDUE;
    else if (statuses.some((s) => s !== ProgressStatus.NOT_STARTED))
      status = ProgressStatus.IN_PROGRESS;
    return {
      area,
      commitments: inArea,
      commitmentCount: inArea.length,
      completedCount: statuses.filter((s) => s === ProgressStatus.COMPLETED).length,
      targetQuantity:
        quantified.length === 0
          ? null
          : quantified.reduce((sum, c) => sum + (c.targetQuantity ?? 0), 0),
      achievedQuantity: inArea.reduce((sum, c) => sum + totalsOf(c).achievedQuantity, 0),
      percent,
      status,
    };
  });
}
