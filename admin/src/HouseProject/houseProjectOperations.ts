import { useQuery } from '@tanstack/react-query';
import type { Identifier } from 'react-admin';
import type { HouseProjectStage } from '../common/choices';
import { graphqlRequest } from '../providers/graphqlRequest';
import { serverError } from '../providers/serverErrors';

export interface HouseProjectOverview {
  stages: { stage: HouseProjectStage; count: number; estimatedCost: number | string }[];
  total: number;
  open: number;
  canOpenRecords: boolean;
}

const OVERVIEW = `query HouseProjectOverview {
  houseProjectOverview { total open canOpenRecords stages { stage count estimatedCost } }
}`;

const ADVANCE = `mutation AdvanceHouseProject($id: ID!, $version: Int, $stage: HouseProjectStage!,
  $date: LocalDate!, $confirmedBy: String!, $confirmerPosition: String, $handoverMinutesNumber: String,
  $handoverGiver: String, $handoverReceiver: String, $handoverNotes: String) {
  advanceHouseProject(id: $id, version: $version, stage: $stage, date: $date, confirmedBy: $confirmedBy,
    confirmerPosition: $confirmerPosition, handoverMinutesNumber: $handoverMinutesNumber,
    handoverGiver: $handoverGiver, handoverReceiver: $handoverReceiver, handoverNotes: $handoverNotes)
  { id stage version }
}`;

/** Confirms the project's next stage; a refusal comes as the provider's errors do (per field). */
export const advanceHouseProject = (variables: {
  id: Identifier;
  version?: number;
  stage: HouseProjectStage;
  date: string;
  confirmedBy: string;
  confirmerPosition?: string | null;
  handoverMinutesNumber?: string | null;
  handoverGiver?: string | null;
  handoverReceiver?: string | null;
  handoverNotes?: string | null;
}) =>
  graphqlRequest(ADVANCE, variables).catch((error: unknown) => {
    throw serverError(error, 'HouseProject', variables);
  });

/** The dashboard card's figures, fetched again whenever the dashboard mounts. */
export const useHouseProjectOverview = () =>
  useQuery({
    queryKey: ['HouseProject', 'overview'],
    queryFn: () =>
      graphqlRequest<{ houseProjectOverview: HouseProjectOverview }>(OVERVIEW).then(
        (data) => data.houseProjectOverview,
      ),
    refetchOnMount: 'always',
  });
