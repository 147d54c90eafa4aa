import { useQuery } from '@tanstack/react-query';
import { useDataProvider, type Identifier } from 'react-admin';
import type { DisbursementPurpose } from '../common/choices';
import { graphqlRequest } from '../providers/graphqlRequest';
import type { AppDataProvider } from '../providers/dataProvider';
import { serverError } from '../providers/serverErrors';

export interface FundOverview {
  year: number;
  expected: number;
  collected: number;
  compliancePercent: number;
  arrears: number;
  balance: number;
  spendingByPurpose: { purpose: DisbursementPurpose; amount: number }[];
  monthly: { month: string; moneyIn: number; moneyOut: number }[];
}

export interface PersonArrears {
  staffMemberId: string;
  staffMember: { id: string; fullName: string };
  expected: number;
  paid: number;
  arrears: number;
  months: number;
}

export interface DuesLine {
  staffMemberId: string;
  staffMember: { id: string; fullName: string };
  titleRank: string;
  month: string;
  expected: number;
  paid: number;
  arrears: number;
}

export interface MonthDuesResult {
  month: string;
  recorded: number;
  alreadyPaid: number;
  amountRecorded: number;
}

/** The ledgers whose posted entries are corrected by a reversal. */
export type LedgerResource = 'Contribution' | 'Donation' | 'Disbursement';

export interface FundOperations {
  fundOverview(fundId: Identifier, year: number): Promise<FundOverview>;
  fundArrearsByPerson(fundId: Identifier, year: number): Promise<PersonArrears[]>;
  fundDues(fundId: Identifier, fromMonth: string, toMonth: string): Promise<DuesLine[]>;
  /** Records the month's dues of the listed people (already-paid ones are skipped). */
  recordMonthDues(
    fundId: Identifier,
    month: string,
    paidDate: string,
    staffMemberIds: Identifier[],
  ): Promise<MonthDuesResult>;
  /** Posts the opposite entry of a posted one, saying why. */
  reverseEntry(
    resource: LedgerResource,
    id: Identifier,
    reason: string,
    date?: string,
  ): Promise<{ id: Identifier }>;
  /** Spends a planned disbursement; beyond the balance only with an administrator's reason. */
  postDisbursement(
    id: Identifier,
    disbursedDate: string,
    overrideReason?: string,
  ): Promise<{ id: Identifier }>;
  /** "Gửi duyệt": asks a second person to approve a disbursement above its fund's threshold. */
  submitDisbursement(id: Identifier): Promise<{ id: Identifier }>;
  /** "Duyệt" (reason optional) or "Từ chối" (reason required), by someone who did not make it. */
  decideDisbursement(
    id: Identifier,
    approve: boolean,
    reason?: string,
  ): Promise<{ id: Identifier }>;
}

const FUND_OVERVIEW = `query FundOverview($fundId: ID!, $year: Int!) {
  fundOverview(fundId: $fundId, year: $year) {
    year expected collected compliancePercent arrears balance
    spendingByPurpose { purpose amount }
    monthly { month moneyIn moneyOut }
  }
}`;

const FUND_ARREARS = `query FundArrearsByPerson($fundId: ID!, $year: Int!) {
  fundArrearsByPerson(fundId: $fundId, year: $year) {
    staffMemberId staffMember { id fullName } expected paid arrears months
  }
}`;

const FUND_DUES = `query FundDues($fundId: ID!, $fromMonth: LocalDate!, $toMonth: LocalDate!) {
  fundDues(fundId: $fundId, fromMonth: $fromMonth, toMonth: $toMonth) {
    staffMemberId staffMember { id fullName } titleRank month expected paid arrears
  }
}`;

const RECORD_MONTH_DUES = `mutation RecordMonthDues(
  $fundId: ID!, $month: LocalDate!, $paidDate: LocalDate!, $staffMemberIds: [ID!]
) {
  recordMonthDues(fundId: $fundId, month: $month, paidDate: $paidDate, staffMemberIds: $staffMemberIds) {
    month recorded alreadyPaid amountRecorded
  }
}`;

const reverseMutation = (resource: LedgerResource) => `mutation Reverse${resource}(
  $id: ID!, $reason: String!, $date: LocalDate
) {
  reverse${resource}(id: $id, reason: $reason, date: $date) { id }
}`;

const POST_DISBURSEMENT = `mutation PostDisbursement($id: ID!, $disbursedDate: LocalDate!, $overrideReason: String) {
  postDisbursement(id: $id, disbursedDate: $disbursedDate, overrideReason: $overrideReason) { id }
}`;

const SUBMIT_DISBURSEMENT = `mutation SubmitDisbursement($id: ID!) {
  submitDisbursement(id: $id) { id }
}`;

const APPROVE_DISBURSEMENT = `mutation ApproveDisbursement($id: ID!, $reason: String) {
  approveDisbursement(id: $id, reason: $reason) { id }
}`;

const REFUSE_DISBURSEMENT = `mutation RefuseDisbursement($id: ID!, $reason: String!) {
  refuseDisbursement(id: $id, reason: $reason) { id }
}`;

/**
 * One fund operation through plain fetch, its failure translated like the provider's own: per-field
 * messages for the variables, and for `alsoAbout`, fields of the record the server may name
 * although they are not sent (the form decides where to show them).
 */
const call = <T>(
  resource: string,
  query: string,
  key: string,
  variables: Record<string, unknown>,
  alsoAbout: string[] = [],
) =>
  graphqlRequest<Record<string, T>>(query, variables).then(
    (data) => data[key] as T,
    (error: unknown) => {
      throw serverError(error, resource, {
        ...Object.fromEntries(alsoAbout.map((field) => [field, undefined])),
        ...variables,
      });
    },
  );

export const fundOperations: FundOperations = {
  fundOverview: (fundId, year) => call('Fund', FUND_OVERVIEW, 'fundOverview', { fundId, year }),
  fundArrearsByPerson: (fundId, year) =>
    call('Fund', FUND_ARREARS, 'fundArrearsByPerson', { fundId, year }),
  fundDues: (fundId, fromMonth, toMonth) =>
    call('Contribution', FUND_DUES, 'fundDues', { fundId, fromMonth, toMonth }),
  recordMonthDues: (fundId, month, paidDate, staffMemberIds) =>
    call('Contribution', RECORD_MONTH_DUES, 'recordMonthDues', {
      fundId,
      month,
      paidDate,
      staffMemberIds,
    }),
  reverseEntry: (resource, id, reason, date) =>
    call(resource, reverseMutation(resource), `reverse${resource}`, {
      id,
      reason,
      date: date || null,
    }),
  postDisbursement: (id, disbursedDate, overrideReason) =>
    call(
      'Disbursement',
      POST_DISBURSEMENT,
      'postDisbursement',
      { id, disbursedDate, overrideReason: overrideReason?.trim() || null },
      // Beyond the balance, the server names the amount; the dialog shows it under the reason.
      ['amount'],
    ),
  submitDisbursement: (id) =>
    call('Disbursement', SUBMIT_DISBURSEMENT, 'submitDisbursement', { id }),
  decideDisbursement: (id, approve, reason) =>
    approve
      ? call('Disbursement', APPROVE_DISBURSEMENT, 'approveDisbursement', {
          id,
          reason: reason?.trim() || null,
        })
      : call('Disbursement', REFUSE_DISBURSEMENT, 'refuseDisbursement', {
          id,
          reason: reason?.trim() ?? '',
        }),
};

/** A fund's year, fetched again whenever a screen showing it mounts. */
export const useFundOverview = (fundId: Identifier | undefined, year: number) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  return useQuery({
    queryKey: ['Fund', 'overview', fundId, year],
    queryFn: () => dataProvider.fundOverview(fundId as Identifier, year),
    enabled: fundId != null,
    refetchOnMount: 'always',
  });
};

/** Each person's dues over the year so far, most owed first. */
export const useFundArrears = (fundId: Identifier | undefined, year: number) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  return useQuery({
    queryKey: ['Fund', 'arrears', fundId, year],
    queryFn: () => dataProvider.fundArrearsByPerson(fundId as Identifier, year),
    enabled: fundId != null,
    refetchOnMount: 'always',
  });
};
