import { useQuery } from '@tanstack/react-query';
import { useDataProvider, type Identifier } from 'react-admin';
import type { HouseholdCategory, UnitMode } from '../common/choices';
import type { AppDataProvider } from '../providers/dataProvider';

/** Age of open aspirations, as the server buckets them. */
export const AGE_BUCKETS = ['0-30', '31-90', '91-180', '180+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export interface HouseholdOverview {
  householdCount: number;
  byCategory: { category: HouseholdCategory; count: number }[];
  escapedCount: number;
  escapedSustainablyCount: number;
  groupsWithoutRecentVisitCount: number;
  /** Empty for roles that may not read groups: they get the count only. */
  groupsWithoutRecentVisit: { id: string; name: string }[];
  openAspirationCount: number;
  openAspirationsByAge: { bucket: AgeBucket; count: number }[];
  /** At the end of each year since 2014 (today for this year); years with none are absent. */
  byCategoryOverYears: { year: number; category: HouseholdCategory; count: number }[];
}

/** The dashboard's unit: its figures as the unit was, or as today's unit gathering its history. */
export interface UnitChoice {
  unitId: Identifier;
  unitMode: UnitMode;
}

/** The households figures, fetched again whenever a screen showing them mounts. */
export const useHouseholdOverview = (unit?: UnitChoice | null) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  return useQuery({
    queryKey: ['Household', 'overview', unit?.unitId ?? null, unit?.unitMode ?? null],
    queryFn: () => dataProvider.householdOverview(unit ?? undefined),
    refetchOnMount: 'always',
  });
};
