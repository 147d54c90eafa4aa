import { useQuery } from '@tanstack/react-query';
import { useDataProvider, type Identifier } from 'react-admin';
import type { CommitmentArea, ProgressStatus } from '../common/choices';
import type { AppDataProvider } from '../providers/dataProvider';

export interface CommitmentProgress {
  id: string;
  title: string;
  status: ProgressStatus;
  achievedQuantity: number;
  targetQuantity: number | null;
  targetUnit: string | null;
}

export interface AreaProgress {
  area: CommitmentArea;
  commitmentCount: number;
  completedCount: number;
  targetQuantity: number | null;
  achievedQuantity: number;
  percent: number;
  status: ProgressStatus;
  commitments: CommitmentProgress[];
}

export interface MemorandumProgress {
  percent: number;
  memorandum: { id: string; title: string };
  areas: AreaProgress[];
}

/** Progress by area, fetched again whenever a screen showing it mounts, so it is never stale. */
export const useMemorandumProgress = (memorandumId: Identifier | undefined) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  return useQuery({
    queryKey: ['Memorandum', 'progress', memorandumId],
    queryFn: () => dataProvider.memorandumProgress(memorandumId as Identifier),
    enabled: memorandumId != null,
    refetchOnMount: 'always',
  });
};
