import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Check,
  Column,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  type Relation as Lazy,
} from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { AdministrativeUnit } from '../administrative-unit/administrative-unit.entity';
import { Organization } from '../organization/organization.entity';
import { PovertyStandard } from './poverty-standard.entity';

export enum HouseholdNeed {
  CAPITAL = 'CAPITAL',
  CULTIVATION = 'CULTIVATION',
  HUSBANDRY = 'HUSBANDRY',
  HOUSING = 'HOUSING',
  HEALTH = 'HEALTH',
  EDUCATION = 'EDUCATION',
  OTHER = 'OTHER',
}
registerEnumType(HouseholdNeed, {
  name: 'HouseholdNeed',
  description: 'Vốn · Kỹ thuật trồng trọt · Kỹ thuật chăn nuôi · Nhà ở · Y tế · Giáo dục · Khác.',
});

export enum HouseholdCategory {
  POOR = 'POOR',
  NEAR_POOR = 'NEAR_POOR',
  POLICY_FAMILY = 'POLICY_FAMILY',
}
registerEnumType(HouseholdCategory, {
  name: 'HouseholdCategory',
  description: 'Hộ nghèo · Hộ cận nghèo · Gia đình chính sách.',
});

export enum Relation {
  HEAD = 'HEAD',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  GRANDCHILD = 'GRANDCHILD',
  SIBLING = 'SIBLING',
  OTHER = 'OTHER',
}
registerEnumType(Relation, { name: 'Relation', description: 'Quan hệ với chủ hộ.' });

export enum PovertyResult {
  POOR = 'POOR',
  NEAR_POOR = 'NEAR_POOR',
  NOT_POOR = 'NOT_POOR',
}
registerEnumType(PovertyResult, {
  name: 'PovertyResult',
  description: 'Kết quả rà soát: hộ nghèo · hộ cận nghèo · không nghèo.',
});

/** Where a category period comes from (migration 1795994000000). */
export enum CategoryPeriodSource {
  MANUAL = 'MANUAL',
  REVIEW = 'REVIEW',
  CORRECTION = 'CORRECTION',
}
registerEnumType(CategoryPeriodSource, {
  name: 'CategoryPeriodSource',
  description: 'Nhập tay · Theo kết quả rà soát · Điều chỉnh của quản trị viên (có lý do).',
});

/**
 * Why the program may process a household's personal data (Law 91/2025/QH15 on personal data
 * protection): the subject's explicit consent, or a state agency carrying out a duty the law gives it.
 */
export enum LegalBasis {
  CONSENT = 'CONSENT',
  STATUTORY_DUTY = 'STATUTORY_DUTY',
}
registerEnumType(LegalBasis, {
  name: 'LegalBasis',
  description: 'Sự đồng ý của chủ thể dữ liệu · Thực hiện nhiệm vụ theo quy định của pháp luật.',
});

export enum ConsentMethod {
  WRITTEN = 'WRITTEN',
  ELECTRONIC = 'ELECTRONIC',
  RECORDED_VERBAL = 'RECORDED_VERBAL',
}
registerEnumType(ConsentMethod, {
  name: 'ConsentMethod',
  description: 'Văn bản có chữ ký · Điện tử · Lời nói có ghi âm/biên bản.',
});

/** A household the program helps, in a village (thôn, buôn). */
@ObjectType({ description: 'Hộ gia đình.' })
@Entity('households')
// PERF: lists sort by name in Vietnamese order; this index (created by a migration) serves the page.
@Index('households_head_name_vi', { synchronize: false })
// PERF: an officer's households (the scope and the policies ask for their ids) from the index alone.
@Index('IDX_households_organization_id_id', ['organizationId', 'id'])
@Check(
  'households_consent_complete',
  `"legal_basis" <> 'CONSENT' OR ("consent_date" IS NOT NULL AND "consent_method" IS NOT NULL AND "consent_notice_version" IS NOT NULL)`,
)
export class Household extends BaseRecord {
  @Field(() => ID, {
    nullable: true,
    description: 'The agency responsible for the household; its officers see and edit it.',
  })
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organizationRef?: Organization;

  @Field(() => LegalBasis, { description: 'Cơ sở pháp lý xử lý dữ liệu cá nhân.' })
  @Column({
    type: 'enum',
    enum: LegalBasis,
    enumName: 'legal_basis',
    default: LegalBasis.STATUTORY_DUTY,
  })
  legalBasis: LegalBasis;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Ngày đồng ý.' })
  @Column({ type: 'date', nullable: true })
  consentDate: string | null;

  @Field(() => ConsentMethod, { nullable: true })
  @Column({ type: 'enum', enum: ConsentMethod, enumName: 'consent_method', nullable: true })
  consentMethod: ConsentMethod | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the evidence of consent is kept (file number, scan reference).',
  })
  @Column({ type: 'text', nullable: true })
  consentEvidence: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Version of the processing notice the household was shown.',
  })
  @Column({ type: 'text', nullable: true })
  consentNoticeVersion: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the retention job removed the personal data of this household.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  anonymisedAt: Date | null;

  @Field(() => ID, { description: 'The village (administrative unit of level VILLAGE).' })
  @Index()
  @Column({ type: 'uuid' })
  villageId: string;

  @ManyToOne(() => AdministrativeUnit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'village_id' })
  villageRef?: AdministrativeUnit;

  @Field(() => String, { description: 'Chủ hộ (initials only for analysts).' })
  @Column({ type: 'text' })
  headName: string;

  @Field(() => String, { nullable: true, description: 'Hidden from analysts.' })
  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Hoàn cảnh gia đình (hidden from analysts).',
  })
  @Column({ type: 'text', nullable: true })
  circumstances: string | null;

  @Field(() => [HouseholdNeed])
  @Column({
    type: 'enum',
    enum: HouseholdNeed,
    enumName: 'household_need',
    array: true,
    default: '{}',
  })
  needs: HouseholdNeed[];

  @Field(() => String, { nullable: true, description: 'Hidden from analysts.' })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

/** One person of a household. The citizen ID is personal data: the API shows it masked. */
@ObjectType({ description: 'Thành viên hộ.' })
// Ordered like the list's default sort (migration 1795983000000); not expressible here.
@Index('IDX_list_household_members_birth_year', { synchronize: false })
@Entity('household_members')
@Index('household_members_full_name_vi', { synchronize: false })
// NOTE: not unique in the database: one agency must not learn that an ID is registered with
// another. Duplicates are unique within a writer's scope and listed for administrators otherwise.
@Index('household_members_citizen_id', ['citizenId'], { where: '"citizen_id" IS NOT NULL' })
export class HouseholdMember extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'household_id' })
  householdRef?: Household;

  @Field(() => String, { description: 'Initials only for analysts.' })
  @Column({ type: 'text' })
  fullName: string;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  birthYear: number | null;

  @Field(() => Relation)
  @Column({ type: 'enum', enum: Relation, enumName: 'relation' })
  relation: Relation;

  @Field(() => Boolean, { description: 'Học sinh (the fund gives gifts to poor pupils).' })
  @Column({ type: 'boolean', default: false })
  isPupil: boolean;

  /** 12-digit căn cước number; never sent to clients in full (see citizenIdMasked). */
  @Column({ type: 'text', nullable: true })
  citizenId: string | null;

  /** An old 9-digit CMND number, kept apart from the 12-digit citizen ID. */
  @Column({ type: 'text', nullable: true })
  legacyIdNumber: string | null;
}

/** A category a household belongs to over a period; several can hold at once. */
@ObjectType({ description: 'Diện hộ (nghèo, cận nghèo, chính sách) trong một thời kỳ.' })
// Ordered like the list's default sort (migration 1795983000000); not expressible here.
@Index('IDX_list_household_category_periods_valid_from', { synchronize: false })
// On household_id, carrying the dashboard's columns (migration 1796009000000); INCLUDE is not
// expressible here.
@Index('IDX_household_category_periods_household_moves', { synchronize: false })
@Entity('household_category_periods')
// A household is in a category once at a time (the dashboard's counts rely on it).
@Exclusion(
  'household_category_periods_no_overlap',
  `USING gist ("household_id" WITH =, "category" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&)`,
)
@Check(
  'household_category_periods_correction_reason',
  `"source" <> 'CORRECTION' OR "correction_reason" IS NOT NULL`,
)
@Check(
  'household_category_periods_review_category',
  `"source" = 'MANUAL' OR "category" IN ('POOR', 'NEAR_POOR')`,
)
export class HouseholdCategoryPeriod extends BaseRecord {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'household_id' })
  householdRef?: Household;

  @Field(() => HouseholdCategory)
  @Column({ type: 'enum', enum: HouseholdCategory, enumName: 'household_category' })
  category: HouseholdCategory;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  validFrom: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Field(() => CategoryPeriodSource, {
    description:
      'MANUAL: entered by hand; REVIEW: opened or closed by a yearly review; CORRECTION: a ' +
      'review-derived period an administrator corrected, with the reason.',
  })
  @Column({
    type: 'enum',
    enum: CategoryPeriodSource,
    enumName: 'category_period_source',
    default: CategoryPeriodSource.MANUAL,
  })
  source: CategoryPeriodSource;

  @Field(() => ID, { nullable: true, description: 'The review that opened this period.' })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  reviewId: string | null;

  @ManyToOne(() => PovertyReview, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'review_id' })
  // Declared below: typed as a relation so no decorator metadata names it before it exists.
  reviewRef?: Lazy<PovertyReview>;

  @Field(() => String, {
    nullable: true,
    description: "Why an administrator corrected the review's period (required for a correction).",
  })
  @Column({ type: 'text', nullable: true })
  correctionReason: string | null;
}

/** The yearly poverty review (rà soát hộ nghèo) of one household. */
@ObjectType({ description: 'Kết quả rà soát hộ nghèo hằng năm.' })
// Ordered like the list's default sort (migration 1795983000000); not expressible here.
@Index('IDX_list_poverty_reviews_year', { synchronize: false })
@Entity('poverty_reviews')
@Index(['householdId', 'year'], { unique: true })
@Check('poverty_reviews_year_range', '"year" BETWEEN 1990 AND 2100')
@Check(
  'poverty_reviews_date_in_year',
  '"review_date" IS NULL OR extract(year FROM "review_date") = "year"',
)
export class PovertyReview extends BaseRecord {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'household_id' })
  householdRef?: Household;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'When the commune recognised the result (in the review year); the category periods it ' +
      'implies open and close on this day. Empty on rows written before 2026: 31/12 of the year.',
  })
  @Column({ type: 'date', nullable: true })
  reviewDate: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The poverty standard the review was made under (in force in its year).',
  })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  standardId: string | null;

  @ManyToOne(() => PovertyStandard, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'standard_id' })
  standardRef?: PovertyStandard;

  @Field(() => Int, { nullable: true, description: 'The edition of that standard.' })
  @Column({ type: 'integer', nullable: true })
  standardEdition: number | null;

  @Field(() => String, {
    description: 'The standard\'s name as recorded, e.g. "Chuẩn nghèo giai đoạn 2011–2015".',
  })
  @Column({ type: 'text' })
  standard: string;

  @Field(() => PovertyResult)
  @Column({ type: 'enum', enum: PovertyResult, enumName: 'poverty_result' })
  result: PovertyResult;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
