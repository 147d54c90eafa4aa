import { describe, expect, it } from 'vitest';
import { CommitmentArea, ProgressStatus } from './commitment.entity';
import { NO_PROGRESS, commitmentStatus, completion, summariseAreas } from './progress';

const TODAY = '2014-09-01';
const done = (achievedQuantity: number, entryCount = 1) => ({
  ...NO_PROGRESS,
  achievedQuantity,
  entryCount,
});

describe('commitment status', () => {
  const house = { targetQuantity: 1, dueDate: '2014-12-31' };
  const criterion = { targetQuantity: null, dueDate: null };

  it('is complete when the target quantity is reached, and not before', () => {
    expect(commitmentStatus({ targetQuantity: 3, dueDate: null }, done(2), TODAY)).toBe(
      ProgressStatus.IN_PROGRESS,
    );
    expect(commitmentStatus({ targetQuantity: 3, dueDate: null }, done(3), TODAY)).toBe(
      ProgressStatus.COMPLETED,
    );
    expect(completion({ targetQuantity: 4, dueDate: null }, done(1))).toBe(0.25);
    expect(completion({ targetQuantity: 4, dueDate: null }, done(9))).toBe(1);
  });

  it('completes a criterion only through an entry marking it reached', () => {
    expect(commitmentStatus(criterion, done(0), TODAY)).toBe(ProgressStatus.IN_PROGRESS);
    expect(commitmentStatus(criterion, { ...done(0), completedByEntry: true }, TODAY)).toBe(
      ProgressStatus.COMPLETED,
    );
  });

  it('is overdue after its due date unless complete; not started without entries', () => {
    expect(commitmentStatus(house, NO_PROGRESS, TODAY)).toBe(ProgressStatus.NOT_STARTED);
    expect(commitmentStatus(house, NO_PROGRESS, '2015-01-01')).toBe(ProgressStatus.OVERDUE);
    expect(commitmentStatus(house, done(1), '2015-01-01')).toBe(ProgressStatus.COMPLETED);
    expect(commitmentStatus(house, NO_PROGRESS, '2014-12-31')).toBe(ProgressStatus.NOT_STARTED);
  });
});

describe('area summary', () => {
  const commitments = [
    { id: 'a', area: CommitmentArea.LEGAL_SUPPORT, targetQuantity: 2, dueDate: null },
    { id: 'b', area: CommitmentArea.LEGAL_SUPPORT, targetQuantity: null, dueDate: null },
    { id: 'c', area: CommitmentArea.TEMPORARY_HOUSE_REMOVAL, targetQuantity: 1, dueDate: null },
  ];
  const totals: Record<string, ReturnType<typeof done>> = { a: done(1), c: done(1) };
  const areas = summariseAreas(commitments, (c) => totals[c.id] ?? NO_PROGRESS, TODAY);

  it('has exactly the five areas in order, empty ones included', () => {
    expect(areas.map((a) => a.area)).toEqual(Object.values(CommitmentArea));
    expect(areas[0]).toMatchObject({
      commitmentCount: 0,
      percent: 0,
      status: ProgressStatus.NOT_STARTED,
      targetQuantity: null,
    });
  });

  it('averages completion over the area commitments and sums quantities', () => {
    expect(areas[1]).toMatchObject({
      area: CommitmentArea.LEGAL_SUPPORT,
      commitmentCount: 2,
      completedCount: 0,
      targetQuantity: 2,
      achievedQuantity: 1,
      percent: 25,
      status: ProgressStatus.IN_PROGRESS,
    });
    expect(areas[4]).toMatchObject({
      completedCount: 1,
      percent: 100,
      status: ProgressStatus.COMPLETED,
    });
  });
});
