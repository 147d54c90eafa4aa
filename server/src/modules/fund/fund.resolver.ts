import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { asAggregate, type RequestContext } from '../../common/context';
import { buildCrudResolvers } from '../../common/crud/resource';
import { reachOf } from '../../common/access-matrix';
import { WRITERS } from '../../common/roles';
import { LocalDateScalar, MoneyScalar, type Money } from '../../common/scalars';
import { todayInVietnam } from '../../common/time';
import { StaffMember, TitleRank } from '../staff/staff.entity';
import { balanceAt, balancesAt } from './balance';
import {
  Contribution,
  Disbursement,
  DisbursementPurpose,
  DisbursementStatus,
  Donation,
  Fund,
} from './fund.entity';
import {
  contributionRateService,
  contributionService,
  DisbursementService,
  disbursementService,
  donationService,
  fundService,
  needsApproval,
  isOwnFund,
  onFundSummaries,
} from './fund.service';
import { ContributionRate } from './fund.entity';

@ObjectType({ description: "One person's dues for one month: owed by their title, and paid." })
export class DuesLineType {
  @Field(() => ID)
  staffMemberId: string;

  @Field(() => StaffMember)
  staffMember: StaffMember;

  @Field(() => LocalDateScalar)
  month: string;

  @Field(() => TitleRank)
  titleRank: TitleRank;

  @Field(() => MoneyScalar)
  expected: number;

  @Field(() => MoneyScalar)
  paid: number;

  @Field(() => MoneyScalar, { description: 'Còn nợ: expected − paid, never negative.' })
  arrears: number;
}

@ObjectType({ description: "One person's dues over a year so far." })
export class PersonArrears {
  @Field(() => ID)
  staffMemberId: string;

  @Field(() => StaffMember)
  staffMember: StaffMember;

  @Field(() => Int, { description: 'Months owed.' })
  months: number;

  @Field(() => MoneyScalar)
  expected: number;

  @Field(() => MoneyScalar)
  paid: number;

  @Field(() => MoneyScalar)
  arrears: number;
}

@ObjectType()
export class MonthDuesResult {
  @Field(() => LocalDateScalar)
  month: string;

  @Field(() => Int, { description: 'Payments recorded now.' })
  recorded: number;

  @Field(() => Int, { description: 'People skipped because they had already paid for the month.' })
  alreadyPaid: number;

  @Field(() => MoneyScalar)
  amountRecorded: number;
}

@ObjectType()
export class PurposeAmount {
  @Field(() => DisbursementPurpose)
  purpose: DisbursementPurpose;

  @Field(() => MoneyScalar)
  amount: Money;
}

@ObjectType()
export class MonthFlow {
  @Field(() => LocalDateScalar)
  month: string;

  @Field(() => MoneyScalar)
  moneyIn: Money;

  @Field(() => MoneyScalar)
  moneyOut: Money;
}

@ObjectType({ description: "A fund's year: dues compliance, arrears, balance and spending." })
export class FundOverview {
  @Field(() => Int)
  year: number;

  @Field(() => MoneyScalar, { description: "Dues owed for the year's months so far." })
  expected: Money;

  @Field(() => MoneyScalar, { description: 'Dues paid for those months.' })
  collected: Money;

  @Field(() => Int, { description: 'collected / expected, 0–100.' })
  compliancePercent: number;

  @Field(() => MoneyScalar)
  arrears: Money;

  @Field(() => MoneyScalar, { description: 'Balance today.' })
  balance: Money;

  @Field(() => [PurposeAmount])
  spendingByPurpose: PurposeAmount[];

  @Field(() => [MonthFlow])
  monthly: MonthFlow[];
}

@Resolver()
export class FundActionsResolver {
  @Authorized(WRITERS)
  @Mutation(() => MonthDuesResult, {
    description:
      "Records a month's dues for everyone listed (or everyone who owes); already-paid people are skipped.",
  })
  recordMonthDues(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('month', () => LocalDateScalar) month: string,
    @Arg('paidDate', () => LocalDateScalar) paidDate: string,
    @Arg('staffMemberIds', () => [ID], { nullable: true }) staffMemberIds: string[] | null,
    @Ctx() ctx: RequestContext,
  ) {
    return contributionService.recordMonth(ctx, { fundId, month, paidDate, staffMemberIds });
  }

  @Authorized(WRITERS)
  @Mutation(() => Contribution, {
    description: 'Posts the opposite entry of a payment (once; not of a reversal).',
  })
  reverseContribution(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('date', () => LocalDateScalar, { nullable: true }) date: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return contributionService.reverse(ctx, id, reason, date);
  }

  @Authorized(WRITERS)
  @Mutation(() => Donation)
  reverseDonation(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('date', () => LocalDateScalar, { nullable: true }) date: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return donationService.reverse(ctx, id, reason, date);
  }

  @Authorized(WRITERS)
  @Mutation(() => Disbursement)
  reverseDisbursement(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('date', () => LocalDateScalar, { nullable: true }) date: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return disbursementService.reverse(ctx, id, reason, date);
  }

  @Authorized(WRITERS)
  @Mutation(() => Disbursement, {
    description:
      'Spends a planned disbursement; beyond the balance only with an administrator’s reason.',
  })
  postDisbursement(
    @Arg('id', () => ID) id: string,
    @Arg('disbursedDate', () => LocalDateScalar) disbursedDate: string,
    @Arg('overrideReason', () => String, { nullable: true }) overrideReason: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return disbursementService.post(ctx, id, disbursedDate, overrideReason);
  }

  @Authorized(WRITERS)
  @Mutation(() => Disbursement, {
    description:
      'Gửi duyệt: asks a second person to approve a disbursement above its fund’s threshold.',
  })
  submitDisbursement(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return disbursementService.submit(ctx, id);
  }

  @Authorized(WRITERS)
  @Mutation(() => Disbursement, {
    description:
      'Duyệt: approves a pending disbursement (an administrator or an officer of the fund’s agency, never its maker).',
  })
  approveDisbursement(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return disbursementService.decide(ctx, id, true, reason);
  }

  @Authorized(WRITERS)
  @Mutation(() => Disbursement, {
    description: 'Từ chối: refuses a pending disbursement, saying why (same people as approving).',
  })
  refuseDisbursement(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ) {
    return disbursementService.decide(ctx, id, false, reason);
  }

  @Authorized()
  @Query(() => [DuesLineType], {
    description: 'Dues per person and month between two months (inclusive).',
  })
  async fundDues(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('fromMonth', () => LocalDateScalar) fromMonth: string,
    @Arg('toMonth', () => LocalDateScalar) toMonth: string,
    @Ctx() ctx: RequestContext,
  ) {
    const lines = await fundService.dues(ctx, fundId, fromMonth, toMonth);
    const staff = await ctx.loaders
      .byId<StaffMember>(StaffMember)
      .loadMany(lines.map((l) => l.staffMemberId));
    return lines.map((line, i) => ({ ...line, staffMember: staff[i] }));
  }

  @Authorized()
  @Query(() => [PersonArrears], {
    description: "Each person's dues, payments and arrears for a year so far, most owed first.",
  })
  async fundArrearsByPerson(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: RequestContext,
  ) {
    const people = await fundService.arrearsByPerson(ctx, fundId, year);
    const staff = await ctx.loaders
      .byId<StaffMember>(StaffMember)
      .loadMany(people.map((p) => p.staffMemberId));
    return people.map((person, i) => ({ ...person, staffMember: staff[i] }));
  }

  @Authorized()
  @Query(() => MoneyScalar, { description: 'Money in minus money out up to and including a date.' })
  async fundBalance(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('date', () => LocalDateScalar, { nullable: true }) date: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const fund = await fundService.readable(ctx, fundId);
    // A total: a viewer reads the balance of a fund whose entries it may not list.
    return onFundSummaries(ctx, [fund], (db) => balanceAt(db, fundId, date ?? todayInVietnam()));
  }

  @Authorized()
  @Query(() => FundOverview)
  fundOverview(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<FundOverview> {
    return fundService.overview(ctx, fundId, year);
  }
}

@Resolver(() => Fund)
export class FundBalanceResolver {
  @Authorized()
  @FieldResolver(() => MoneyScalar, { description: 'Balance today.' })
  balance(@Root() fund: Fund, @Ctx() ctx: RequestContext) {
    // PERF: one statement for every fund of the response (the dashboard lists 100); an officer's
    // own fund on the request's connection, others' as an aggregate (see onFundSummaries).
    const own = isOwnFund(ctx, fund);
    return ctx.loaders
      .named<string, bigint>(`fund-balance-today${own ? ':own' : ''}`, (ids) =>
        own
          ? balancesAt(ctx.db, ids, todayInVietnam())
          : asAggregate(ctx, (db) => balancesAt(db, ids, todayInVietnam())),
      )
      .load(fund.id);
  }
}

/** What the signed-in user may do next with one disbursement (it differs from user to user). */
@ObjectType({ description: 'What the signed-in user may do next with a disbursement.' })
export class DisbursementActions {
  @Field(() => Boolean, { description: 'The user created, changed or submitted it (a maker).' })
  madeByMe: boolean;

  @Field(() => Boolean, { description: 'The user may submit it for approval now.' })
  canSubmit: boolean;

  @Field(() => Boolean, { description: 'The user may approve or refuse it now (never its maker).' })
  canDecide: boolean;

  @Field(() => Boolean, { description: 'The user may post it now.' })
  canPost: boolean;
}

/**
 * Whether a disbursement needs approval, and what the signed-in user may do next with it, as the
 * service's rules say: the admin shows the submit, approve/refuse and post buttons only then (the
 * server decides anyway).
 */
@Resolver(() => Disbursement)
export class DisbursementApprovalResolver {
  private threshold(entry: Disbursement, ctx: RequestContext) {
    // PERF: the response's funds in one statement (a page of 25 disbursements shares a few).
    return ctx.loaders
      .byId<Fund>(Fund)
      .load(entry.fundId)
      .then((fund) => fund?.approvalThreshold ?? null);
  }

  private async writes(entry: Disbursement, ctx: RequestContext) {
    const reach = reachOf('Disbursement', ctx.user!.role, 'write');
    if (!reach) return false;
    if (reach === 'all') return true;
    // An officer writes the disbursements of their agency's funds (scopes.fund).
    const fund = await ctx.loaders.byId<Fund>(Fund).load(entry.fundId);
    return fund != null && fund.organizationId === ctx.scope.organizationId;
  }

  @Authorized()
  @FieldResolver(() => Boolean, {
    description: "Above its fund's approval threshold: posted only once a second person approves.",
  })
  async needsApproval(@Root() entry: Disbursement, @Ctx() ctx: RequestContext) {
    return (
      entry.reversesId == null && needsApproval(entry.amount, await this.threshold(entry, ctx))
    );
  }

  @Authorized()
  @FieldResolver(() => DisbursementActions, {
    description: 'What the signed-in user may do next with it (submit, decide, post).',
  })
  async myActions(
    @Root() entry: Disbursement,
    @Ctx() ctx: RequestContext,
  ): Promise<DisbursementActions> {
    const madeByMe = DisbursementService.makers(entry).includes(ctx.user!.id);
    const writes = await this.writes(entry, ctx);
    const needs = await this.needsApproval(entry, ctx);
    const { status } = entry;
    return {
      madeByMe,
      canSubmit:
        writes &&
        needs &&
        (status === DisbursementStatus.PLANNED || status === DisbursementStatus.REFUSED),
      canDecide:
        writes &&
        !madeByMe &&
        DisbursementService.decides(ctx) &&
        status === DisbursementStatus.PENDING_APPROVAL,
      canPost:
        writes &&
        (status === DisbursementStatus.APPROVED ||
          (status === DisbursementStatus.PLANNED && !needs)),
    };
  }
}

/** `reversed`: whether a later entry reverses this one, batched per response. */
function reversedResolver(
  entity: typeof Contribution | typeof Donation | typeof Disbursement,
  table: string,
) {
  @Resolver(() => entity)
  class ReversedResolver {
    @Authorized()
    @FieldResolver(() => Boolean, { description: 'A reversal of this entry has been posted.' })
    reversed(@Root() entry: { id: string }, @Ctx() ctx: RequestContext) {
      return ctx.loaders
        .named<string, boolean>(`reversed:${table}`, async (ids) => {
          const rows: { reverses_id: string }[] = await ctx.db.query(
            `SELECT reverses_id FROM ${table} WHERE reverses_id = ANY($1::uuid[])`,
            [ids],
          );
          return ids.map((id) => rows.some((r) => r.reverses_id === id));
        })
        .load(entry.id);
    }
  }
  return ReversedResolver;
}

export const fundResolvers = [
  ...buildCrudResolvers({ entity: Fund, name: 'Fund', plural: 'Funds', service: fundService }),
  ...buildCrudResolvers({
    entity: ContributionRate,
    name: 'ContributionRate',
    plural: 'ContributionRates',
    service: contributionRateService,
  }),
  ...buildCrudResolvers({
    entity: Contribution,
    name: 'Contribution',
    plural: 'Contributions',
    service: contributionService,
    appendOnly: true,
  }),
  ...buildCrudResolvers({
    entity: Donation,
    name: 'Donation',
    plural: 'Donations',
    service: donationService,
    appendOnly: true,
  }),
  ...buildCrudResolvers({
    entity: Disbursement,
    name: 'Disbursement',
    plural: 'Disbursements',
    service: disbursementService,
    extraFilters: {
      status: { type: () => DisbursementStatus, description: 'Planned or posted disbursements.' },
      disbursedYear: {
        type: () => Int,
        description: "Paid out in this year, as the fund overview's spending counts them.",
      },
    },
  }),
  FundActionsResolver,
  FundBalanceResolver,
  reversedResolver(Contribution, 'contributions'),
  reversedResolver(Donation, 'donations'),
  reversedResolver(Disbursement, 'disbursements'),
  DisbursementApprovalResolver,
];
