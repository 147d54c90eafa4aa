import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import {
  AdministrativeLevel,
  AdministrativeUnit,
} from '../administrative-unit/administrative-unit.entity';

export enum OrganizationKind {
  PARTY_COMMITTEE = 'PARTY_COMMITTEE',
  STATE_AGENCY = 'STATE_AGENCY',
  PEOPLES_COMMITTEE = 'PEOPLES_COMMITTEE',
  MASS_ORGANIZATION = 'MASS_ORGANIZATION',
  BUSINESS = 'BUSINESS',
  INDIVIDUAL_DONOR = 'INDIVIDUAL_DONOR',
  OTHER = 'OTHER',
}
registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'Cấp ủy Đảng, cơ quan nhà nước, UBND, đoàn thể, doanh nghiệp, nhà hảo tâm, khác.',
});

/** A Party committee, state agency, People's Committee, mass organization, business or donor. */
@ObjectType({ description: 'Cơ quan, đơn vị.' })
@Entity('organizations')
export class Organization extends BaseRecord {
  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  shortName: string | null;

  @Field(() => OrganizationKind)
  @Column({ type: 'enum', enum: OrganizationKind, enumName: 'organization_kind' })
  kind: OrganizationKind;

  @Field(() => AdministrativeLevel, { nullable: true })
  @Column({
    type: 'enum',
    enum: AdministrativeLevel,
    enumName: 'administrative_level',
    nullable: true,
  })
  level: AdministrativeLevel | null;

  @Field(() => ID, { nullable: true, description: 'The unit whose organization this is.' })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  administrativeUnitId: string | null;

  @ManyToOne(() => AdministrativeUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'administrative_unit_id' })
  administrativeUnitRef?: AdministrativeUnit;
}
