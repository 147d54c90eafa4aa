import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar, MoneyScalar, bigintMoneyTransformer } from '../../common/scalars';
import { Commitment, ProgressEntry } from '../commitment/commitment.entity';
import { Disbursement, Donation } from '../fund/fund.entity';
import { Household } from '../household/household.entity';

/** The stages of a house project, in order: forward only, one step at a time. */
export enum HouseProjectStage {
  SURVEYED = 'SURVEYED',
  APPROVED = 'APPROVED',
  BUILDING = 'BUILDING',
  HANDED_OVER = 'HANDED_OVER',
}
registerEnumType(HouseProjectStage, {
  name: 'HouseProjectStage',
  description: 'Đã khảo sát · Đã phê duyệt · Đang xây dựng · Đã bàn giao.',
});
export const HOUSE_PROJECT_STAGES = Object.values(HouseProjectStage);

/** The column prefix of each stage's date and confirmation. */
export const STAGE_PREFIX = {
  SURVEYED: 'surveyed',
  APPROVED: 'approved',
  BUILDING: 'building',
  HANDED_OVER: 'handedOver',
} as const satisfies Record<HouseProjectStage, string>;

export enum HouseCondition {
  TEMPORARY = 'TEMPORARY',
  DILAPIDATED = 'DILAPIDATED',
  DAMAGED = 'DAMAGED',
  OTHER = 'OTHER',
}
registerEnumType(HouseCondition, {
  name: 'HouseCondition',
  description: 'Nhà tạm · Nhà dột nát · Nhà hư hỏng · Khác.',
});

export enum HouseFundingSource {
  AGENCY_FUND = 'AGENCY_FUND',
  DONATION = 'DONATION',
  STATE_PROGRAMME = 'STATE_PROGRAMME',
  HOUSEHOLD_OWN = 'HOUSEHOLD_OWN',
  WORKDAYS = 'WORKDAYS',
}
registerEnumType(HouseFundingSource, {
  name: 'HouseFundingSource',
  description:
    'Chi từ Quỹ của cơ quan · Ủng hộ, tài trợ · Chương trình của Nhà nước · Hộ tự có · Ngày công đóng góp.',
});

/**
 * A house built (or rebuilt) for a household to remove a temporary house: the commitment of area 5
 * of the memorandum it serves, the assessment of the old house, its stages with who confirmed each,
 * and the handover record. Handing it over adds the commitment's progress entry (`progressEntryId`).
 */
@ObjectType({ description: 'Dự án xóa nhà tạm của một hộ.' })
@Entity('house_projects')
// One open project per household (migration 1795993000000); not expressible here.
@Index('house_projects_one_open_per_household', { synchronize: false })
@Index(['commitmentId'])
@Index(['stage'])
@Index(['progressEntryId'], { unique: true, where: '"progress_entry_id" IS NOT NULL' })
@Check('house_projects_estimated_cost', '"estimated_cost" > 0')
@Check(
  'house_projects_stage_dates',
  `("approved_date" IS NULL OR "approved_date" >= "surveyed_date")
   AND ("building_date" IS NULL OR ("approved_date" IS NOT NULL AND "building_date" >= "approved_date"))
   AND ("handed_over_date" IS NULL OR ("building_date" IS NOT NULL AND "handed_over_date" >= "building_date"))`,
)
export class HouseProject extends BaseRecord {
  @Field(() => String, { description: 'Tên dự án, e.g. "Xóa nhà tạm hộ …".' })
  @Column({ type: 'text' })
  title: string;

  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'household_id' })
  householdRef?: Household;

  @Field(() => ID, { description: 'The commitment of area 5 (xóa nhà tạm) it serves.' })
  @Column({ type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => Commitment, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'commitment_id' })
  commitmentRef?: Commitment;

  @Field(() => HouseProjectStage, { description: 'Set by advanceHouseProject only.' })
  @Column({
    type: 'enum',
    enum: HouseProjectStage,
    enumName: 'house_project_stage',
    default: HouseProjectStage.SURVEYED,
  })
  stage: HouseProjectStage;

  @Field(() => MoneyScalar, { description: 'Dự toán kinh phí, whole đồng.' })
  @Column({ type: 'bigint', transformer: bigintMoneyTransformer })
  estimatedCost: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  // The assessment of the current house (đánh giá hiện trạng nhà ở).
  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  assessmentDate: string | null;

  @Field(() => String, { nullable: true, description: 'Who assessed the house.' })
  @Column({ type: 'text', nullable: true })
  assessedBy: string | null;

  @Field(() => HouseCondition, { nullable: true })
  @Column({ type: 'enum', enum: HouseCondition, enumName: 'house_condition', nullable: true })
  houseCondition: HouseCondition | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  wallMaterial: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  roofMaterial: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  floorMaterial: string | null;

  @Field(() => Int, { nullable: true, description: 'Floor area in whole m².' })
  @Column({ type: 'integer', nullable: true })
  floorArea: number | null;

  @Field(() => Int, { nullable: true, description: 'People living in the house.' })
  @Column({ type: 'integer', nullable: true })
  occupants: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  assessmentNotes: string | null;

  // The stages: the date, who confirmed it (name, position) and the user who recorded it.
  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  surveyedDate: string;

  @Field(() => String)
  @Column({ type: 'text' })
  surveyedConfirmedBy: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  surveyedConfirmerPosition: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  surveyedRecordedById: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  approvedDate: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  approvedConfirmedBy: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  approvedConfirmerPosition: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  approvedRecordedById: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Ngày khởi công.' })
  @Column({ type: 'date', nullable: true })
  buildingDate: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  buildingConfirmedBy: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  buildingConfirmerPosition: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  buildingRecordedById: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Ngày bàn giao.' })
  @Column({ type: 'date', nullable: true })
  handedOverDate: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  handedOverConfirmedBy: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  handedOverConfirmerPosition: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  handedOverRecordedById: string | null;

  // The handover record (biên bản bàn giao).
  @Field(() => String, { nullable: true, description: 'Số biên bản bàn giao.' })
  @Column({ type: 'text', nullable: true })
  handoverMinutesNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Who handed the house over.' })
  @Column({ type: 'text', nullable: true })
  handoverGiver: string | null;

  @Field(() => String, { nullable: true, description: 'Who received it for the household.' })
  @Column({ type: 'text', nullable: true })
  handoverReceiver: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  handoverNotes: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The commitment's progress entry added when the house was handed over.",
  })
  @Column({ type: 'uuid', nullable: true })
  progressEntryId: string | null;

  @ManyToOne(() => ProgressEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'progress_entry_id' })
  progressEntryRef?: ProgressEntry;
}

/**
 * One line of a house project's budget, by source. A line of the agency's fund points at its
 * disbursement, a donation at the donation; each of those serves one project only.
 */
@ObjectType({ description: 'Nguồn kinh phí của dự án xóa nhà tạm.' })
@Entity('house_project_fundings')
@Index(['disbursementId'], { unique: true, where: '"disbursement_id" IS NOT NULL' })
@Index(['donationId'], { unique: true, where: '"donation_id" IS NOT NULL' })
@Check('house_project_fundings_amount', '"amount" IS NULL OR "amount" >= 0')
@Check('house_project_fundings_workdays', '"workdays" IS NULL OR "workdays" > 0')
export class HouseProjectFunding extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => HouseProject, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'project_id' })
  projectRef?: HouseProject;

  @Field(() => HouseFundingSource)
  @Column({ type: 'enum', enum: HouseFundingSource, enumName: 'house_funding_source' })
  source: HouseFundingSource;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Whole đồng; for workdays, their value if given.',
  })
  @Column({ type: 'bigint', nullable: true, transformer: bigintMoneyTransformer })
  amount: number | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  disbursementId: string | null;

  @ManyToOne(() => Disbursement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'disbursement_id' })
  disbursementRef?: Disbursement;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  donationId: string | null;

  @ManyToOne(() => Donation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'donation_id' })
  donationRef?: Donation;

  @Field(() => String, { nullable: true, description: 'Tên chương trình của Nhà nước.' })
  @Column({ type: 'text', nullable: true })
  programmeName: string | null;

  @Field(() => Int, { nullable: true, description: 'Số ngày công.' })
  @Column({ type: 'integer', nullable: true })
  workdays: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
