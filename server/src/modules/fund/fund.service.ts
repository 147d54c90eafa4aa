import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { asAggregate, type RequestContext } from '../../common/context';
import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { scopes } from '../../common/crud/scopes';
import { isUuid } from '../../common/crud/normalize';
import { BadInputError, conflict, notFound, type FieldViolation } from '../../common/errors';
import { Role } from '../../common/roles';
import { parseLocalDate } from '../../common/scalars';
import { todayInVietnam } from '../../common/time';
import { Household, HouseholdMember } from '../household/household.entity';
import { Organization } from '../organization/organization.entity';
import { Plan } from '../plan/plan.entity';
import { StaffMember, TitleRank } from '../staff/staff.entity';
import { balanceAt, lowestBalanceFrom } from './balance';
import { duesLines, keptDuesLines, keptDuesTotals, keptPersonDues } from './dues';
import {
  Contribution,
  ContributionRate,
  Disbursement,
  DisbursementPurpose,
  DisbursementStatus,
  Donation,
  DonationForm,
  DonorKind,
  Fund,
} from './fund.entity';

const appendOnly = (what: string) =>
  conflict(`Posted entries cannot be ${what}; post a reversal instead`, { rule: 'appendOnly' });

/** Contributions and donations are posted when recorded: never changed, only reversed. */
const postedWhenRecorded = (_entry: unknown, change: 'update' | 'delete') => {
  throw appendOnly(change === 'update' ? 'changed' : 'deleted');
};

const firstOfMonth = (field: string, date: string | null): FieldViolation[] =>
  date && !date.endsWith('-01')
    ? [{ field, rule: 'firstOfMonth', message: 'must be the first day of a month' }]
    : [];

const notInFuture = (field: string, date: string | null): FieldViolation[] => {
  const today = todayInVietnam();
  return date && date > today
    ? [
        {
          field,
          rule: 'notInFuture',
          message: `must not be after today (${today})`,
          params: { max: today },
        },
      ]
    : [];
};

/** Spending of a year by purpose, and money in and out per month (fundOverview). */
export interface FundFlows {
  spendingByPurpose: { purpose: DisbursementPurpose; amount: bigint }[];
  monthly: { month: string; moneyIn: bigint; moneyOut: bigint }[];
}

/** A fund's year as its dashboard shows it (the GraphQL FundOverview). */
export interface FundYear extends FundFlows {
  year: number;
  expected: bigint;
  collected: bigint;
  compliancePercent: number;
  arrears: bigint;
  balance: bigint;
}

/** Dues are read a year or two at a time (a page of months); longer ranges are asked in parts. */
export const MAX_DUES_MONTHS = 24;

/** The year's last month whose dues are owed already: December, or this month for the current year. */
export function lastDueMonth(year: number, today = todayInVietnam()): string {
  const thisMonth = `${today.slice(0, 7)}-01`;
  return `${year}-12-01` < thisMonth ? `${year}-12-01` : thisMonth;
}

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw BadInputError.of('year', 'range', 'must be 2000–2100');
}

/**
 * Funds, and what their dashboard reads of them: dues, arrears, balance and spending, all from the
 * summaries the database keeps (migrations 1795985000000 and 1795998000000), never the ledgers.
 */
class FundService extends CrudService<Fund> {
  /** The fund, if the user may read it: another agency's fund is NOT_FOUND, as if it did not exist. */
  async readable(ctx: RequestContext, fundId: string): Promise<Fund> {
    if (!isUuid(fundId)) throw notFound('Fund', fundId);
    return this.get(ctx, fundId);
  }

  /** A year's dues, compliance, arrears, balance today, spending by purpose and monthly flows. */
  async overview(ctx: RequestContext, fundId: string, year: number): Promise<FundYear> {
    checkYear(year);
    const fund = await this.readable(ctx, fundId);
    return onFundSummaries(ctx, [fund], (db) => this.yearOf(db, fundId, year));
  }

  /** overview's figures, on a connection that may read the fund's summaries. */
  async yearOf(db: EntityManager, fundId: string, year: number): Promise<FundYear> {
    const today = todayInVietnam();
    const dues = await keptDuesTotals(db, fundId, `${year}-01-01`, lastDueMonth(year, today));
    const flows = await fundFlows(db, fundId, year);
    const balance = await balanceAt(db, fundId, today);
    return {
      year,
      ...dues,
      compliancePercent: dues.expected === 0n ? 0 : Number((100n * dues.collected) / dues.expected),
      balance,
      ...flows,
    };
  }

  /** Dues per person and month between two months (inclusive), for those who read contributions. */
  async dues(ctx: RequestContext, fundId: string, fromMonth: string, toMonth: string) {
    // Per person and month: for roles that may read contributions, not for dashboard viewers.
    contributionService.reach(ctx, 'read');
    await this.readable(ctx, fundId);
    if (!fromMonth.endsWith('-01') || !toMonth.endsWith('-01') || toMonth < fromMonth) {
      throw BadInputError.of(
        'fromMonth',
        'monthRange',
        'give first days of months, fromMonth ≤ toMonth',
      );
    }
    const months =
      (Number(toMonth.slice(0, 4)) - Number(fromMonth.slice(0, 4))) * 12 +
      Number(toMonth.slice(5, 7)) -
      Number(fromMonth.slice(5, 7)) +
      1;
    if (months > MAX_DUES_MONTHS) {
      throw BadInputError.of('toMonth', 'maxMonths', `at most ${MAX_DUES_MONTHS} months at once`, {
        max: MAX_DUES_MONTHS,
      });
    }
    return keptDuesLines(ctx.db, fundId, fromMonth, toMonth);
  }

  /** Each person's dues, payments and arrears for a year so far, most owed first. */
  async arrearsByPerson(ctx: RequestContext, fundId: string, year: number) {
    checkYear(year);
    contributionService.reach(ctx, 'read');
    await this.readable(ctx, fundId);
    return keptPersonDues(ctx.db, fundId, `${year}-01-01`, lastDueMonth(year));
  }
}

/**
 * Runs totals over funds' summaries: on the request's own connection when row-level security lets
 * the user read them (who reads every row; an officer, their agency's funds), else as an aggregate
 * (a viewer's dashboard may sum entries it may not list: a connection of its own, four statements
 * more, see asAggregate).
 */
export function onFundSummaries<T>(
  ctx: RequestContext,
  funds: Pick<Fund, 'organizationId'>[],
  work: (db: EntityManager) => Promise<T>,
): Promise<T> {
  const own = funds.length > 0 && funds.every((fund) => isOwnFund(ctx, fund));
  return own ? work(ctx.db) : asAggregate(ctx, work);
}

/** The fund is of the signed-in officer's agency (row-level security shows them its entries). */
export function isOwnFund(ctx: RequestContext, fund: Pick<Fund, 'organizationId'>): boolean {
  const user = ctx.user;
  return (
    user?.role === Role.AGENCY_OFFICER &&
    user.organizationId != null &&
    fund.organizationId === user.organizationId
  );
}

/** Spending of a year by purpose and money in and out per month, from the monthly summaries. */
export async function fundFlows(
  db: EntityManager,
  fundId: string,
  year: number,
): Promise<FundFlows> {
  const [row] = (await db.query(
    `WITH months AS (
       SELECT generate_series(make_date($2, 1, 1), make_date($2, 12, 1), interval '1 month')::date AS month),
     spending AS (
       SELECT month, purpose, amount FROM fund_monthly_spending
        WHERE fund_id = $1 AND month BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 1))
     SELECT
       (SELECT coalesce(json_agg(json_build_object('purpose', purpose, 'amount', amount::text)), '[]')
          FROM (SELECT purpose, sum(amount) AS amount FROM spending GROUP BY purpose) p) AS spending,
       (SELECT json_agg(json_build_object('month', m.month::text,
                 'moneyIn', coalesce(i.amount, 0)::text, 'moneyOut', coalesce(o.amount, 0)::text) ORDER BY m.month)
          FROM months m
          LEFT JOIN fund_monthly_income i ON i.fund_id = $1 AND i.month = m.month
          LEFT JOIN (SELECT month, sum(amount) AS amount FROM spending GROUP BY month) o ON o.month = m.month) AS monthly`,
    [fundId, year],
  )) as {
    spending: { purpose: DisbursementPurpose; amount: string }[];
    monthly: { month: string; moneyIn: string; moneyOut: string }[];
  }[];
  const { spending, monthly } = row!;
  return {
    spendingByPurpose: Object.values(DisbursementPurpose).map((purpose) => ({
      purpose,
      amount: BigInt(spending.find((s) => s.purpose === purpose)?.amount ?? 0),
    })),
    monthly: monthly.map((m) => ({
      month: m.month,
      moneyIn: BigInt(m.moneyIn),
      moneyOut: BigInt(m.moneyOut),
    })),
  };
}

export const fundService = new FundService({
  entity: Fund,
  name: 'Fund',
  scope: (r) => scopes.organization(`${r}.organization_id`),
  ownerField: 'organizationId',
  fields: {
    name: f.text(),
    organizationId: f.ref(() => Organization, 'Organization', 'organization'),
    planId: f.ref(() => Plan, 'Plan', 'plan'),
    notes: f.longText({ optional: true }),
    approvalThreshold: f.money({
      optional: true,
      description:
        'Disbursements above this many đồng need a second person’s approval; empty: none do. Administrators only.',
    }),
  },
  searchColumns: ['name'],
  defaultSort: { field: 'name', order: 'ASC' },
  async rules(fund, { em, ctx, existing }) {
    const violations: FieldViolation[] = [];
    const same: unknown[] = await em.query(
      'SELECT 1 FROM funds WHERE organization_id = $1 AND plan_id = $2 AND id <> coalesce($3::uuid, gen_random_uuid())',
      [fund.organizationId, fund.planId, existing?.id ?? null],
    );
    if (same.length > 0) {
      violations.push({
        field: 'organizationId',
        rule: 'oneFundPerPlan',
        message: 'this organization already has a fund for the plan',
      });
    }
    // The threshold is the control on the fund's own officers (the makers of its spending): only
    // an administrator sets or changes it, so a maker cannot lift it to skip the second person.
    const threshold = fund.approvalThreshold ?? null;
    if (threshold !== (existing?.approvalThreshold ?? null) && ctx.user?.role !== Role.ADMIN) {
      violations.push({
        field: 'approvalThreshold',
        rule: 'adminOnly',
        message: 'only an administrator may set or change the approval threshold',
      });
    }
    return violations;
  },
});

/**
 * Two-person approval of money out (issue 14, point 5). Legal basis of keeping the maker and the
 * approver: the Law on Accounting 2015 (Luật Kế toán 2015), Article 16(1)(g), requires an
 * accounting voucher to carry the signatures and names of the person who made it and the person
 * who approved it ("người lập, người duyệt") — confirmed from the published text
 * (hethongphapluat.vn/luat-ke-toan-2015/chuong-2/muc-1). Its number, 88/2015/QH13, is from memory.
 * UNCONFIRMED: no act found sets an approval threshold for an agency's "Quỹ thực hiện Kế hoạch 68";
 * the threshold is each fund's own rule, set by an administrator (the demo's is a sample).
 */

/** Whether this amount needs a second person's approval under the fund's threshold. */
export const needsApproval = (amount: number, threshold: number | null | undefined) =>
  threshold != null && amount > threshold;

/** The fields whose change makes a disbursement another one: it must be approved again. */
const MATERIAL_FIELDS = ['amount', 'fundId', 'purpose', 'quantity', 'unitAmount'] as const;

export const contributionRateService = new CrudService<ContributionRate>({
  entity: ContributionRate,
  name: 'ContributionRate',
  scope: (r) => scopes.fund(`${r}.fund_id`),
  scopeField: 'fundId',
  fields: {
    fundId: f.ref(() => Fund, 'Fund', 'fund'),
    titleRank: f.enumOf(TitleRank, 'TitleRank'),
    monthlyAmount: f.money(),
    validFrom: f.date(),
    validTo: f.date({ optional: true }),
  },
  searchColumns: [],
  defaultSort: { field: 'validFrom', order: 'DESC' },
  async rules(rate, { em, existing }) {
    const violations = firstOfMonth('validFrom', rate.validFrom);
    if (rate.validTo && rate.validTo < rate.validFrom) {
      violations.push({
        field: 'validTo',
        rule: 'afterValidFrom',
        message: 'must not be before validFrom',
      });
      // A reversed period overlaps nothing, and PostgreSQL would refuse it as a range.
      return violations;
    }
    const overlapping: unknown[] = await em.query(
      `SELECT 1 FROM contribution_rates WHERE fund_id = $1 AND title_rank = $2
          AND id <> coalesce($5::uuid, gen_random_uuid())
          AND daterange(valid_from, valid_to, '[]') && daterange($3::date, $4::date, '[]')`,
      [rate.fundId, rate.titleRank, rate.validFrom, rate.validTo, existing?.id ?? null],
    );
    if (overlapping.length > 0) {
      violations.push({
        field: 'validFrom',
        rule: 'noOverlap',
        message: 'overlaps another rate of this title; close that one (validTo) first',
      });
    }
    return violations;
  },
});

/**
 * Shared behaviour of the three ledgers: entries are only ever added; `reverse` adds the opposite
 * entry, once, and never for a reversal. Every posting locks the fund row, so double submissions
 * and concurrent postings of one fund are serialised.
 */
abstract class LedgerService<
  T extends Contribution | Donation | Disbursement,
> extends CrudService<T> {
  /** NO KEY UPDATE: serialises postings of one fund without blocking foreign-key checks on it. */
  protected lockFund(em: EntityManager, fundId: string) {
    return isUuid(fundId)
      ? em.query('SELECT id FROM funds WHERE id = $1 FOR NO KEY UPDATE', [fundId])
      : null;
  }

  /** Columns the server sets on a new entry. */
  protected createColumns(_ctx: RequestContext): Partial<T> {
    return {};
  }

  /**
   * An entry that already stands for this input (an idempotent repeat), if any: the entry created
   * with the same idempotency key, when its values are the same; the same key with other values
   * is a client's mistake (CONFLICT idempotencyKeyReused), never a second entry.
   */
  protected async existingFor(
    em: EntityManager,
    input: Record<string, unknown>,
  ): Promise<string | null> {
    const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey.trim() : '';
    if (!key || !isUuid(String(input.fundId))) return null;
    const repo = em.getRepository(this.options.entity as unknown as new () => T);
    const earlier = await repo.findOneBy({ fundId: input.fundId, idempotencyKey: key } as never);
    if (!earlier) return null;
    // Scalars as sent (numbers, strings, enums, dates) against the stored entry; lists aside.
    const plain = (value: unknown) =>
      typeof value === 'number' || typeof value === 'boolean' ? String(value) : (value ?? '');
    const stored = earlier as unknown as Record<string, unknown>;
    const differs = Object.entries(input).filter(
      ([field, value]) =>
        field in stored &&
        value !== undefined &&
        !Array.isArray(value) &&
        plain(value) !== plain(stored[field]),
    );
    if (differs.length > 0) {
      throw conflict('This idempotency key was used for another entry', {
        rule: 'idempotencyKeyReused',
        field: 'idempotencyKey',
        fields: differs.map(([field]) => field),
      });
    }
    return earlier.id;
  }

  override async create(ctx: RequestContext, input: Record<string, unknown>): Promise<T> {
    const id = await this.write(ctx, async (em) => {
      await this.lockFund(em, String(input.fundId));
      const existing = await this.existingFor(em, input);
      if (existing) return existing;
      return this.insertChecked(ctx, em, input, {
        ...this.createColumns(ctx),
        postedById: ctx.user?.id ?? null,
      } as Partial<T>);
    });
    return this.get(ctx, id);
  }

  /** The reversing entry's own columns (its date), on top of a copy of the original. */
  protected abstract reversalColumns(original: T, date: string): Partial<T>;

  /** The day an entry moved money: a reversal cannot be dated before it. */
  protected abstract dateOf(entry: T): string;

  /** Whether entries bring money in (their reversal takes it out). */
  protected abstract readonly moneyIn: boolean;

  async reverse(ctx: RequestContext, id: string, reason: string, date?: string | null): Promise<T> {
    const why = reason.trim();
    if (why.length < 5)
      throw BadInputError.of('reason', 'required', 'say why the entry is reversed');
    if (why.length > 2000)
      throw BadInputError.of('reason', 'maxLength', 'must be at most 2000 characters', {
        max: 2000,
      });
    const on = date ? parseLocalDate(date) : todayInVietnam();
    const future = notInFuture('date', on);
    if (future.length > 0) throw new BadInputError(future);
    const repo = (em: EntityManager) =>
      em.getRepository(this.options.entity as unknown as new () => T);
    const newId = await this.write(ctx, async (em) => {
      const original = isUuid(id) ? await repo(em).findOneBy({ id } as never) : null;
      if (!original || !(await this.inScope(em, ctx, id, 'write')))
        throw notFound(this.options.name, id);
      await this.lockFund(em, original.fundId);
      if (original.reversesId)
        throw conflict('A reversal cannot be reversed', { rule: 'reversal_of_reversal' });
      if ('status' in original && original.status !== DisbursementStatus.POSTED) {
        throw conflict('Only a posted disbursement can be reversed; a planned one can be edited', {
          rule: 'notPosted',
        });
      }
      const already = await repo(em).findOneBy({ reversesId: id } as never);
      if (already) throw conflict('This entry is already reversed', { rule: 'alreadyReversed' });
      const originalDate = this.dateOf(original);
      if (on < originalDate) {
        throw BadInputError.of('date', 'notBeforeOriginal', `must not be before ${originalDate}`, {
          min: originalDate,
        });
      }
      // Taking money in back out spends it: the fund must not be overdrawn on any day since.
      if (this.moneyIn && ctx.user?.role !== Role.ADMIN) {
        const available = await lowestBalanceFrom(em, original.fundId, on);
        if (BigInt(original.amount) > available) {
          throw BadInputError.of(
            'date',
            'exceedsBalance',
            `the fund has spent this money since ${on}; only an administrator may reverse it`,
            { balance: Number(available), amount: original.amount },
          );
        }
      }
      const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...copy } = original;
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(this.options.entity)
        .values({
          ...copy,
          ...this.reversalColumns(original, on),
          reversesId: id,
          // The key named the original's submission, not this one.
          ...('idempotencyKey' in original ? { idempotencyKey: null } : {}),
          note: why,
          postedById: ctx.user?.id ?? null,
        })
        .returning('id')
        .execute();
      return String((inserted.raw as { id: string }[])[0]!.id);
    });
    return this.get(ctx, newId);
  }
}

class ContributionService extends LedgerService<Contribution> {
  protected readonly moneyIn = true;

  protected reversalColumns(_original: Contribution, date: string) {
    return { paidDate: date };
  }

  protected dateOf(entry: Contribution) {
    return entry.paidDate;
  }

  /** A repeat of a live payment for the same person and month is that payment (double clicks). */
  protected override async existingFor(em: EntityManager, input: Record<string, unknown>) {
    const live = await livePayment(
      em,
      String(input.fundId),
      String(input.staffMemberId),
      String(input.month),
    );
    return live?.id ?? null;
  }

  /**
   * Records the month's dues of everyone who paid (or of the listed people), each at the amount
   * owed. People already paid for the month are skipped, so a double click or a retried request
   * never counts twice.
   */
  async recordMonth(
    ctx: RequestContext,
    input: { fundId: string; month: string; paidDate: string; staffMemberIds?: string[] | null },
  ) {
    const violations = [
      ...firstOfMonth('month', input.month),
      ...notInFuture('paidDate', input.paidDate),
    ];
    if (input.paidDate < input.month) {
      violations.push({
        field: 'paidDate',
        rule: 'notBeforeMonth',
        message: 'must not be before the month paid for',
      });
    }
    if (!isUuid(input.fundId))
      violations.push({ field: 'fundId', rule: 'exists', message: 'does not exist' });
    const malformed = (input.staffMemberIds ?? []).filter((id) => !isUuid(id));
    if (malformed.length > 0) {
      violations.push({
        field: 'staffMemberIds',
        rule: 'exists',
        message: `${malformed.join(', ')} does not exist`,
        params: { ids: malformed },
      });
    }
    this.reach(ctx, 'write');
    if (violations.length > 0) throw new BadInputError(violations);
    return this.write(ctx, async (em) => {
      const fund = await em.findOneBy(Fund, { id: input.fundId });
      if (!fund || !(await fundService.inScope(em, ctx, fund.id, 'write')))
        throw BadInputError.of('fundId', 'exists', 'does not exist');
      await this.lockFund(em, fund.id);
      const lines = await duesLines(
        em,
        fund.id,
        input.month,
        input.month,
        input.staffMemberIds ?? null,
      );
      if (input.staffMemberIds) {
        const unknown = input.staffMemberIds.filter(
          (id) => !lines.some((l) => l.staffMemberId === id),
        );
        if (unknown.length > 0) {
          throw BadInputError.of(
            'staffMemberIds',
            'owesThisMonth',
            'some people owe nothing to this fund for the month',
            {
              ids: unknown,
            },
          );
        }
      }
      const due = lines.filter((line) => line.paid === 0 && line.expected > 0);
      if (due.length > 0) {
        await em.insert(
          Contribution,
          due.map((line) => ({
            fundId: fund.id,
            staffMemberId: line.staffMemberId,
            month: input.month,
            amount: line.expected,
            paidDate: input.paidDate,
            postedById: ctx.user?.id ?? null,
          })),
        );
      }
      return {
        month: input.month,
        recorded: due.length,
        alreadyPaid: lines.length - due.length,
        amountRecorded: due.reduce((sum, l) => sum + l.expected, 0),
      };
    });
  }
}

async function livePayment(
  em: EntityManager,
  fundId: string,
  staffMemberId: string,
  month: string,
) {
  if (!isUuid(fundId) || !isUuid(staffMemberId) || !/^\d{4}-\d{2}-01$/.test(month)) return null;
  const rows: { id: string }[] = await em.query(
    `SELECT c.id FROM contributions c
      WHERE c.fund_id = $1 AND c.staff_member_id = $2 AND c.month = $3 AND c.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM contributions r WHERE r.reverses_id = c.id)
      LIMIT 1`,
    [fundId, staffMemberId, month],
  );
  return rows[0] ?? null;
}

export const contributionService = new ContributionService({
  entity: Contribution,
  name: 'Contribution',
  guardChange: postedWhenRecorded,
  scope: (r) => scopes.fund(`${r}.fund_id`),
  scopeField: 'fundId',
  fields: {
    fundId: f.ref(() => Fund, 'Fund', 'fund'),
    staffMemberId: f.ref(() => StaffMember, 'StaffMember', 'staffMember'),
    month: f.date({ description: 'The month paid for, as its first day (YYYY-MM-01).' }),
    amount: f.money(),
    paidDate: f.date(),
    note: f.longText({ optional: true }),
  },
  searchColumns: ['note'],
  // As the admin's list shows them: the latest payments first.
  defaultSort: { field: 'paidDate', order: 'DESC' },
  rules(entry) {
    const violations = [
      ...firstOfMonth('month', entry.month),
      ...notInFuture('paidDate', entry.paidDate),
    ];
    if (entry.amount <= 0)
      violations.push({ field: 'amount', rule: 'positive', message: 'must be more than 0' });
    return violations;
  },
});

class DonationService extends LedgerService<Donation> {
  protected readonly moneyIn = true;

  protected reversalColumns(_original: Donation, date: string) {
    return { receivedDate: date };
  }

  protected dateOf(entry: Donation) {
    return entry.receivedDate;
  }
}

export const donationService = new DonationService({
  entity: Donation,
  name: 'Donation',
  guardChange: postedWhenRecorded,
  scope: (r) => scopes.fund(`${r}.fund_id`),
  scopeField: 'fundId',
  fields: {
    fundId: f.ref(() => Fund, 'Fund', 'fund'),
    donorKind: f.enumOf(DonorKind, 'DonorKind'),
    donorName: f.text(),
    donorOrganizationId: f.ref(() => Organization, 'Organization', 'donorOrganization', {
      optional: true,
    }),
    form: f.enumOf(DonationForm, 'DonationForm'),
    amount: f.money({ description: 'Whole đồng; for a gift in kind, its value.' }),
    inKindDescription: f.longText({ optional: true }),
    receivedDate: f.date(),
    note: f.longText({ optional: true }),
    idempotencyKey: f.text({
      optional: true,
      max: 100,
      description:
        'One key per form submission (a UUID): a repeat with the same key returns the first entry.',
    }),
  },
  searchColumns: ['donorName', 'inKindDescription', 'note'],
  defaultSort: { field: 'receivedDate', order: 'DESC' },
  rules(donation) {
    const violations = notInFuture('receivedDate', donation.receivedDate);
    if (donation.amount <= 0)
      violations.push({ field: 'amount', rule: 'positive', message: 'must be more than 0' });
    if (donation.form === DonationForm.IN_KIND && !donation.inKindDescription) {
      violations.push({
        field: 'inKindDescription',
        rule: 'requiredInKind',
        message: 'say what was given',
      });
    }
    return violations;
  },
});

export class DisbursementService extends LedgerService<Disbursement> {
  /**
   * `status`: planned or posted, set by the server and so not among the writable fields;
   * `disbursedYear`: paid out in that year, as the fund's spending figures count them.
   */
  protected override customFilter(
    qb: SelectQueryBuilder<Disbursement>,
    key: string,
    value: unknown,
    param: string,
  ) {
    if (key === 'status') qb.andWhere(`r.status = :${param}`, { [param]: value });
    else if (key === 'disbursedYear')
      qb.andWhere(
        `r.disbursed_date >= make_date(:${param}::int, 1, 1) AND r.disbursed_date < make_date(:${param}::int + 1, 1, 1)`,
        { [param]: value },
      );
    else super.customFilter(qb, key, value, param);
  }

  protected readonly moneyIn = false;

  protected reversalColumns(_original: Disbursement, date: string): Partial<Disbursement> {
    // A reversal is its poster's own entry: the original's makers and decision are not copied.
    return {
      status: DisbursementStatus.POSTED,
      disbursedDate: date,
      createdById: null,
      revisedById: null,
      submittedById: null,
      submittedAt: null,
      decidedById: null,
      decidedAt: null,
      decisionReason: null,
    };
  }

  protected dateOf(entry: Disbursement) {
    return entry.disbursedDate!;
  }

  protected override createColumns(ctx: RequestContext): Partial<Disbursement> {
    // posted_by_id names the poster once posted; the maker is kept apart.
    return { status: DisbursementStatus.PLANNED, createdById: ctx.user?.id ?? null };
  }

  /** The disbursement's row, locked for this transaction (FOR UPDATE), as committed now. */
  private async locked(em: EntityManager, id: string): Promise<Disbursement> {
    const entry = await em
      .getRepository(Disbursement)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOne();
    if (!entry) throw notFound('Disbursement', id);
    return entry;
  }

  private async thresholdOf(em: EntityManager, fundId: string): Promise<number | null> {
    const fund = await em.findOneBy(Fund, { id: fundId });
    return fund?.approvalThreshold ?? null;
  }

  /**
   * Only a disbursement that needs no approval (planned, within its fund's threshold) or one a
   * second person approved may be posted.
   */
  private async checkPostable(em: EntityManager, entry: Disbursement) {
    switch (entry.status) {
      case DisbursementStatus.APPROVED:
        return;
      case DisbursementStatus.PENDING_APPROVAL:
        throw BadInputError.of('status', 'awaitingApproval', 'is waiting for approval');
      case DisbursementStatus.REFUSED:
        throw BadInputError.of('status', 'refused', 'was refused; change it and submit it again');
      default: {
        const threshold = await this.thresholdOf(em, entry.fundId);
        if (needsApproval(entry.amount, threshold)) {
          throw BadInputError.of(
            'status',
            'approvalRequired',
            `above the fund's approval threshold (${threshold}): submit it for approval first`,
            { threshold, amount: entry.amount },
          );
        }
      }
    }
  }

  /** The users who made this disbursement: none of them may approve or refuse it. */
  static makers(entry: Disbursement): string[] {
    return [entry.createdById, entry.revisedById, entry.submittedById].filter(
      (id): id is string => id != null,
    );
  }

  /** Whether the user's role may decide on disbursements at all (the scope is checked apart). */
  static decides(ctx: RequestContext): boolean {
    return ctx.user?.role === Role.ADMIN || ctx.user?.role === Role.AGENCY_OFFICER;
  }

  /** A disbursement in the user's write scope, locked; another agency's is NOT_FOUND. */
  private async lockedInScope(ctx: RequestContext, em: EntityManager, id: string) {
    this.reach(ctx, 'write');
    if (!isUuid(id) || !(await this.inScope(em, ctx, id, 'write')))
      throw notFound('Disbursement', id);
    return this.locked(em, id);
  }

  /** "Gửi duyệt": a planned (or refused) disbursement above its fund's threshold asks for approval. */
  async submit(ctx: RequestContext, id: string) {
    await this.write(ctx, async (em) => {
      const entry = await this.lockedInScope(ctx, em, id);
      if (
        entry.status !== DisbursementStatus.PLANNED &&
        entry.status !== DisbursementStatus.REFUSED
      )
        throw BadInputError.of(
          'status',
          'notPlanned',
          'only a planned or refused disbursement can be submitted',
          {
            status: entry.status,
          },
        );
      const threshold = await this.thresholdOf(em, entry.fundId);
      if (!needsApproval(entry.amount, threshold)) {
        throw BadInputError.of(
          'status',
          'approvalNotRequired',
          'is within its fund’s approval threshold: post it directly',
          { threshold, amount: entry.amount },
        );
      }
      await em.update(Disbursement, { id }, {
        status: DisbursementStatus.PENDING_APPROVAL,
        submittedById: ctx.user?.id ?? null,
        submittedAt: () => 'now()',
        decidedById: null,
        decidedAt: null,
        decisionReason: null,
        version: entry.version + 1,
      } as never);
    });
    return this.get(ctx, id);
  }

  /**
   * "Duyệt" / "Từ chối": a second person's decision on a pending disbursement, once. The row lock
   * makes concurrent decisions wait: the first decides, the others find it decided.
   */
  async decide(ctx: RequestContext, id: string, approve: boolean, reason: string | null) {
    const field = approve ? 'approvedBy' : 'refusedBy';
    const why = reason?.trim() || null;
    if (!approve && (!why || why.length < 5))
      throw BadInputError.of('reason', 'required', 'say why the disbursement is refused', {
        min: 5,
      });
    if (why && why.length > 2000)
      throw BadInputError.of('reason', 'maxLength', 'must be at most 2000 characters', {
        max: 2000,
      });
    this.reach(ctx, 'write');
    if (!DisbursementService.decides(ctx))
      throw BadInputError.of(
        field,
        'role',
        'only an administrator or an officer of the fund’s agency may decide',
      );
    await this.write(ctx, async (em) => {
      const entry = await this.lockedInScope(ctx, em, id);
      if (entry.status !== DisbursementStatus.PENDING_APPROVAL)
        throw BadInputError.of('status', 'notPending', 'is not waiting for approval', {
          status: entry.status,
        });
      if (DisbursementService.makers(entry).includes(ctx.user!.id))
        throw BadInputError.of(
          field,
          'notMaker',
          'the person who made or submitted it cannot decide on it',
        );
      await em.update(Disbursement, { id }, {
        status: approve ? DisbursementStatus.APPROVED : DisbursementStatus.REFUSED,
        decidedById: ctx.user!.id,
        decidedAt: () => 'now()',
        decisionReason: why,
        version: entry.version + 1,
      } as never);
    });
    return this.get(ctx, id);
  }

  /** Money goes out: refused beyond the balance at that date unless an admin gives a reason. */
  async post(
    ctx: RequestContext,
    id: string,
    disbursedDate: string,
    overrideReason: string | null,
  ) {
    const violations = notInFuture('disbursedDate', disbursedDate);
    if (violations.length > 0) throw new BadInputError(violations);
    await this.write(ctx, async (em) => {
      const found = isUuid(id) ? await em.findOneBy(Disbursement, { id }) : null;
      if (!found || !(await this.inScope(em, ctx, id, 'write'))) throw notFound('Disbursement', id);
      await this.lockFund(em, found.fundId);
      // Read again under the row's lock: a concurrent posting, approval or edit has finished.
      const entry = await this.locked(em, id);
      if (entry.status === DisbursementStatus.POSTED)
        throw conflict('Already posted', { rule: 'alreadyPosted' });
      await this.checkPostable(em, entry);
      // Enough on the day and on every day since: a backdated payment must not overdraw the
      // fund on a day whose balance later entries have already spent.
      const available = await lowestBalanceFrom(em, entry.fundId, disbursedDate);
      const overdraws = BigInt(entry.amount) > available;
      const reason = overrideReason?.trim() || null;
      if (overdraws) {
        if (!reason) {
          throw BadInputError.of(
            'amount',
            'exceedsBalance',
            `exceeds the fund balance available from ${disbursedDate} on`,
            { balance: Number(available), amount: entry.amount },
          );
        }
        if (ctx.user?.role !== Role.ADMIN)
          throw conflict('Only an administrator may spend beyond the balance', {
            rule: 'overrideNeedsAdmin',
          });
      }
      await em.update(
        Disbursement,
        { id },
        {
          status: DisbursementStatus.POSTED,
          disbursedDate,
          overrideReason: overdraws ? reason : null,
          postedById: ctx.user?.id ?? null,
          version: entry.version + 1,
        },
      );
    });
    return this.get(ctx, id);
  }
}

export const disbursementService = new DisbursementService({
  entity: Disbursement,
  name: 'Disbursement',
  // Disbursements stay editable until posted; posted ones are money out and only reversible.
  guardChange(entry) {
    if (entry.status === DisbursementStatus.POSTED)
      throw conflict('A posted disbursement cannot be changed; post a reversal instead', {
        rule: 'appendOnly',
      });
  },
  // Changing what is spent (amount, fund, purpose, quantity, unit amount) makes it another
  // disbursement: a pending, approved or refused one goes back to planned and its decision is
  // voided (the audit trail keeps it); whoever changed it becomes one of its makers.
  changeColumns(existing, values, _lists, ctx) {
    const material = MATERIAL_FIELDS.some(
      (field) => values[field] !== undefined && values[field] !== existing[field],
    );
    if (!material) return {};
    return {
      revisedById: ctx.user?.id ?? null,
      ...(existing.status === DisbursementStatus.PLANNED
        ? {}
        : {
            status: DisbursementStatus.PLANNED,
            submittedById: null,
            submittedAt: null,
            decidedById: null,
            decidedAt: null,
            decisionReason: null,
          }),
    };
  },
  scope: (r) => scopes.fund(`${r}.fund_id`),
  scopeField: 'fundId',
  fields: {
    fundId: f.ref(() => Fund, 'Fund', 'fund'),
    purpose: f.enumOf(DisbursementPurpose, 'DisbursementPurpose'),
    description: f.text({ max: 500 }),
    quantity: f.int({ min: 1, max: 1_000_000 }),
    unitAmount: f.money(),
    amount: f.money({ description: 'The total: quantity × unitAmount unless isEstimate.' }),
    isEstimate: f.bool({ optional: true, defaultValue: false }),
    plannedDate: f.date({ optional: true }),
    eventName: f.text({ optional: true, max: 500 }),
    householdIds: f.refs(
      () => Household,
      'Household',
      'households',
      {
        table: 'disbursement_households',
        ownerColumn: 'disbursement_id',
        targetColumn: 'household_id',
        filterName: 'householdId',
      },
      { optional: true },
    ),
    memberIds: f.refs(
      () => HouseholdMember,
      'HouseholdMember',
      'members',
      {
        table: 'disbursement_members',
        ownerColumn: 'disbursement_id',
        targetColumn: 'household_member_id',
        filterName: 'memberId',
      },
      { optional: true },
    ),
    note: f.longText({ optional: true }),
    idempotencyKey: f.text({
      optional: true,
      max: 100,
      description:
        'One key per form submission (a UUID): a repeat with the same key returns the first entry.',
    }),
  },
  searchColumns: ['description', 'eventName', 'note'],
  defaultSort: { field: 'plannedDate', order: 'DESC' },
  rules(entry) {
    const violations: FieldViolation[] = [];
    if (entry.amount <= 0)
      violations.push({ field: 'amount', rule: 'positive', message: 'must be more than 0' });
    if (!entry.isEstimate && entry.amount !== entry.quantity * entry.unitAmount) {
      violations.push({
        field: 'amount',
        rule: 'quantityTimesUnit',
        message: `must equal quantity × unit amount (${entry.quantity * entry.unitAmount}) unless marked as an estimate`,
        params: { expected: entry.quantity * entry.unitAmount },
      });
    }
    return violations;
  },
});
