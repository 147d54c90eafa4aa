import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';

export enum AdministrativeLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
  VILLAGE = 'VILLAGE',
}
registerEnumType(AdministrativeLevel, {
  name: 'AdministrativeLevel',
  description: 'Tỉnh, huyện, xã, thôn/buôn.',
});

/**
 * A province, district, commune or village as it was during its validity. Vietnam's 2025 reform
 * merged provinces and communes and abolished districts, so a unit is closed (validTo), never
 * rewritten: a 2014 record keeps pointing at the unit as it was.
 */
@ObjectType({ description: 'Đơn vị hành chính: a province, district, commune or village.' })
@Entity('administrative_units')
// The unit pickers' name order, alone and within a level (migration 1796007000000).
@Index('IDX_list_administrative_units_name', { synchronize: false })
@Index('IDX_list_administrative_units_level_name', { synchronize: false })
export class AdministrativeUnit extends BaseRecord {
  @Field(() => AdministrativeLevel)
  @Column({ type: 'enum', enum: AdministrativeLevel, enumName: 'administrative_level' })
  level: AdministrativeLevel;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'Official code (mã đơn vị hành chính), if known.',
  })
  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => AdministrativeUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parentUnit?: AdministrativeUnit;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day the unit existed in this form.',
  })
  @Column({ type: 'date', nullable: true })
  validTo: string | null;
}
