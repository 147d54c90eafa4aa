import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Check,
  Column,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar, MoneyScalar, bigintMoneyTransformer } from '../../common/scalars';
import { Household, HouseholdMember } from '../household/household.entity';
import { Organization } from '../organization/organization.entity';
import { Plan } from '../plan/plan.entity';
import { StaffMember, TitleRank } from '../staff/staff.entity';

export enum DonorKind {
  INDIVIDUAL = 'INDIVIDUAL',
  MASS_ORGANIZATION = 'MASS_ORGANIZATION',
  BUSINESS = 'BUSINESS',
  OTHER = 'OTHER',
}
registerEnumType(DonorKind, {
  name: 'DonorKind',
  description: 'Nhà hảo tâm · Đoàn thể · Doanh nghiệp · Khác.',
});

export enum DonationForm {
  CASH = 'CASH',
  IN_KIND = 'IN_KIND',
}
registerEnumType(DonationForm, {
  name: 'DonationForm',
  description: 'Tiền mặt · Hiện vật (quy ra tiền).',
});

export enum DisbursementPurpose {
  MEDICINE = 'MEDICINE',
  POLICY_FAMILY_GIFTS = 'POLICY_FAMILY_GIFTS',
  POOR_PUPIL_GIFTS = 'POOR_PUPIL_GIFTS',
  HOUSING = 'HOUSING',
  CAPITAL = 'CAPITAL',
  OTHER = 'OTHER',
}
registerEnumType(DisbursementPurpose, {
  name: 'DisbursementPurpose',
  description:
    'Thuốc · Quà gia đình chính sách · Quà học sinh nghèo vượt khó · Nhà ở · Vốn · Khác.',
});

/**
 * PLANNED → (above the fund's threshold) PENDING_APPROVAL → APPROVED or REFUSED → POSTED. The order
 * is the database type's (values appended by migration 1795995000000).
 */
export enum DisbursementStatus {
  PLANNED = 'PLANNED',
  POSTED = 'POSTED',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
}
registerEnumType(DisbursementStatus, {
  name: 'DisbursementStatus',
  description: 'Dự kiến · Đã chi · Chờ duyệt · Đã duyệt · Bị từ chối.',
});

/** An organization's own "Quỹ thực hiện Kế hoạch 68". */
@ObjectType({ description: 'Quỹ thực hiện Kế hoạch 68 của một cơ quan.' })
@Entity('funds')
@Index(['organizationId', 'planId'], { unique: true })
@Check('funds_approval_threshold', '"approval_threshold" >= 0')
export class Fund extends BaseRecord {
  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organization_id' })
  organizationRef?: Organization;

  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'plan_id' })
  planRef?: Plan;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      'Ngưỡng phê duyệt chi: a disbursement above this many đồng is posted only after a second person approves it; empty: no approval needed. Set by administrators only.',
  })
  @Column({ type: 'bigint', nullable: true, transformer: bigintMoneyTransformer })
  approvalThreshold: number | null;
}

/** The monthly contribution of one title rank from a date; a new rate never changes earlier months. */
@ObjectType({ description: 'Mức đóng góp hằng tháng theo chức danh.' })
@Entity('contribution_rates')
@Check('contribution_rates_amount', '"monthly_amount" >= 0')
@Exclusion(
  'contribution_rates_no_overlap',
  `USING gist ("fund_id" WITH =, "title_rank" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&)`,
)
export class ContributionRate extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'fund_id' })
  fundRef?: Fund;

  @Field(() => TitleRank)
  @Column({ type: 'enum', enum: TitleRank, enumName: 'title_rank' })
  titleRank: TitleRank;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', transformer: bigintMoneyTransformer })
  monthlyAmount: number;

  @Field(() => LocalDateScalar, { description: 'First month it applies to (the 1st of a month).' })
  @Column({ type: 'date' })
  validFrom: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  validTo: string | null;
}

/**
 * Columns of every ledger entry. Entries are append-only (the database refuses UPDATE and DELETE);
 * a mistake is corrected by a reversing entry pointing at the original, which counts negatively.
 */
@ObjectType()
export abstract class LedgerEntry extends BaseRecord {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  fundId: string;

  @Field(() => MoneyScalar, {
    description: 'Whole đồng, positive; a reversal counts it negatively.',
  })
  @Column({ type: 'bigint', transformer: bigintMoneyTransformer })
  amount: number;

  @Field(() => ID, { nullable: true, description: 'The entry this one reverses.' })
  @Column({ type: 'uuid', nullable: true })
  reversesId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true, description: 'Who posted it.' })
  @Column({ type: 'uuid', nullable: true })
  postedById: string | null;
}

/** A staff member's dues for one month. */
@ObjectType({ description: 'Đóng góp hằng tháng của cán bộ.' })
// Ordered like the list's default sort, then the fund (migrations 1795983000000, 1796004000000).
@Index('IDX_list_contributions_paid_date', { synchronize: false })
// PERF: one fund's ledger in the list's order (an officer's page), without walking every fund's.
@Index('IDX_list_contributions_fund_paid_date', { synchronize: false })
@Entity('contributions')
@Index(['fundId', 'month'])
@Index(['reversesId'], { unique: true, where: '"reverses_id" IS NOT NULL' })
@Check('contributions_amount', '"amount" > 0')
@Check('contributions_month', `extract(day from "month") = 1`)
export class Contribution extends LedgerEntry {
  @ManyToOne(() => Fund, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'fund_id' })
  fundRef?: Fund;

  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  staffMemberId: string;

  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'staff_member_id' })
  staffMemberRef?: StaffMember;

  @Field(() => LocalDateScalar, { description: 'The month paid for, as its first day.' })
  @Column({ type: 'date' })
  month: string;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  paidDate: string;

  @ManyToOne(() => Contribution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reverses_id' })
  reversesRef?: Contribution;
}

/** Money or goods given to the fund by a donor, a mass organization or a business. */
@ObjectType({ description: 'Ủng hộ, tài trợ.' })
// Ordered like the list's default sort (migration 1795983000000); not expressible here.
@Index('IDX_list_donations_received_date', { synchronize: false })
@Entity('donations')
@Index(['fundId', 'receivedDate'])
@Index(['fundId', 'idempotencyKey'], { unique: true, where: '"idempotency_key" IS NOT NULL' })
@Index(['reversesId'], { unique: true, where: '"reverses_id" IS NOT NULL' })
@Check('donations_amount', '"amount" > 0')
export class Donation extends LedgerEntry {
  @Field(() => String, {
    nullable: true,
    description:
      'The key its client sent once per form submission: creating again with the same key returns this entry.',
  })
  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;
  @ManyToOne(() => Fund, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'fund_id' })
  fundRef?: Fund;

  @Field(() => DonorKind)
  @Column({ type: 'enum', enum: DonorKind, enumName: 'donor_kind' })
  donorKind: DonorKind;

  @Field(() => String)
  @Column({ type: 'text' })
  donorName: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  donorOrganizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'donor_organization_id' })
  donorOrganizationRef?: Organization;

  @Field(() => DonationForm)
  @Column({ type: 'enum', enum: DonationForm, enumName: 'donation_form' })
  form: DonationForm;

  @Field(() => String, { nullable: true, description: 'What was given, for gifts in kind.' })
  @Column({ type: 'text', nullable: true })
  inKindDescription: string | null;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  receivedDate: string;

  @ManyToOne(() => Donation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reverses_id' })
  reversesRef?: Donation;
}

/**
 * Spending from the fund: planned first (editable), then posted (money out, append-only).
 * quantity × unitAmount = total unless it is an estimate ("about 20 million").
 */
@ObjectType({ description: 'Chi hỗ trợ.' })
// Ordered like the list's default sort (migration 1795983000000); not expressible here.
@Index('IDX_list_disbursements_planned_date', { synchronize: false })
@Entity('disbursements')
@Index(['fundId', 'disbursedDate'])
@Index(['fundId', 'idempotencyKey'], { unique: true, where: '"idempotency_key" IS NOT NULL' })
@Index(['reversesId'], { unique: true, where: '"reverses_id" IS NOT NULL' })
@Check('disbursements_amounts', '"amount" > 0 AND "quantity" > 0 AND "unit_amount" >= 0')
@Check(
  'disbursements_decider_not_maker',
  `"decided_by_id" IS NULL OR ("decided_by_id" IS DISTINCT FROM "created_by_id"
                 AND "decided_by_id" IS DISTINCT FROM "revised_by_id"
                 AND "decided_by_id" IS DISTINCT FROM "submitted_by_id")`,
)
export class Disbursement extends LedgerEntry {
  @Field(() => String, {
    nullable: true,
    description:
      'The key its client sent once per form submission: creating again with the same key returns this entry.',
  })
  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;
  @ManyToOne(() => Fund, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'fund_id' })
  fundRef?: Fund;

  @Field(() => DisbursementStatus)
  @Column({ type: 'enum', enum: DisbursementStatus, enumName: 'disbursement_status' })
  status: DisbursementStatus;

  @Field(() => DisbursementPurpose)
  @Column({ type: 'enum', enum: DisbursementPurpose, enumName: 'disbursement_purpose' })
  purpose: DisbursementPurpose;

  @Field(() => String)
  @Column({ type: 'text' })
  description: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  quantity: number;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', transformer: bigintMoneyTransformer })
  unitAmount: number;

  @Field(() => Boolean, { description: 'The total is an estimate, not quantity × unit amount.' })
  @Column({ type: 'boolean', default: false })
  isEstimate: boolean;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  plannedDate: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the money went out (posted).',
  })
  @Column({ type: 'date', nullable: true })
  disbursedDate: string | null;

  @Field(() => String, { nullable: true, description: 'The delegation or event.' })
  @Column({ type: 'text', nullable: true })
  eventName: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why an admin allowed spending beyond the balance.',
  })
  @Column({ type: 'text', nullable: true })
  overrideReason: string | null;

  @ManyToOne(() => Disbursement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reverses_id' })
  reversesRef?: Disbursement;

  // Two-person approval (issue 14 point 5): its makers, and the second person's decision.
  @Field(() => ID, { nullable: true, description: 'Who created it (a maker).' })
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Who last changed its amount, fund or purpose (a maker).',
  })
  @Column({ type: 'uuid', nullable: true })
  revisedById: string | null;

  @Field(() => ID, { nullable: true, description: 'Who submitted it for approval (a maker).' })
  @Column({ type: 'uuid', nullable: true })
  submittedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'Who approved or refused it: never a maker.' })
  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was refused (required) or approved (optional).',
  })
  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;
}

@Entity('disbursement_households')
export class DisbursementHousehold {
  @PrimaryColumn({ type: 'uuid' })
  disbursementId: string;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  householdId: string;

  // A planned disbursement may be deleted with its beneficiaries; a posted one never (trigger).
  @ManyToOne(() => Disbursement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'disbursement_id' })
  disbursement?: Disbursement;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;
}

@Entity('disbursement_members')
export class DisbursementMember {
  @PrimaryColumn({ type: 'uuid' })
  disbursementId: string;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  householdMemberId: string;

  @ManyToOne(() => Disbursement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'disbursement_id' })
  disbursement?: Disbursement;

  @ManyToOne(() => HouseholdMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_member_id' })
  householdMember?: HouseholdMember;
}
