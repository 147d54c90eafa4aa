import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar, MoneyScalar, bigintMoneyTransformer } from '../../common/scalars';

export enum PovertyStandardKind {
  INCOME = 'INCOME',
  MULTIDIMENSIONAL = 'MULTIDIMENSIONAL',
}
registerEnumType(PovertyStandardKind, {
  name: 'PovertyStandardKind',
  description: 'Theo thu nhập · Đa chiều (thu nhập và mức thiếu hụt dịch vụ xã hội cơ bản).',
});

/**
 * A national poverty standard (chuẩn nghèo) as reference data: the legal act, the years it is in
 * force and an edition (an amending act makes a new edition of the same code). A yearly review is
 * made under the standard in force in its year and keeps which one (migration 1795994000000).
 */
@ObjectType({ description: 'Chuẩn nghèo (theo văn bản pháp luật, có thời gian áp dụng).' })
@Entity('poverty_standards')
@Index('poverty_standards_code_edition', ['code', 'edition'], { unique: true })
@Check('poverty_standards_valid_range', '"valid_to" IS NULL OR "valid_to" >= "valid_from"')
export class PovertyStandard extends BaseRecord {
  @Field(() => String, { description: 'Short code of the standard, e.g. "2016-2020".' })
  @Column({ type: 'text' })
  code: string;

  @Field(() => Int, { description: 'Edition of the standard (1; an amending act makes the next).' })
  @Column({ type: 'integer', default: 1 })
  edition: number;

  @Field(() => String, { description: 'e.g. "Chuẩn nghèo đa chiều giai đoạn 2016–2020".' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { description: 'The act that sets it, e.g. "Quyết định 59/2015/QĐ-TTg".' })
  @Column({ type: 'text' })
  legalAct: string;

  @Field(() => PovertyStandardKind)
  @Column({ type: 'enum', enum: PovertyStandardKind, enumName: 'poverty_standard_kind' })
  kind: PovertyStandardKind;

  @Field(() => LocalDateScalar, { description: 'First day reviews may use it.' })
  @Column({ type: 'date' })
  validFrom: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day (empty: still in force).',
  })
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Income line in rural areas, đồng per person per month.',
  })
  @Column({ type: 'bigint', nullable: true, transformer: bigintMoneyTransformer })
  ruralIncomeLine: number | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Income line in urban areas, đồng per person per month.',
  })
  @Column({ type: 'bigint', nullable: true, transformer: bigintMoneyTransformer })
  urbanIncomeLine: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
