import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { AdministrativeUnit } from '../administrative-unit/administrative-unit.entity';
import { Organization } from '../organization/organization.entity';
import { Plan } from '../plan/plan.entity';

/** One or more sponsor organizations adopting one commune under a plan. */
@ObjectType({
  description: 'Cơ quan giúp đỡ xã: sponsor organizations adopting a commune under a plan.',
})
@Entity('partnerships')
export class Partnership extends BaseRecord {
  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'plan_id' })
  planRef?: Plan;

  @Field(() => ID, { description: 'The commune helped (an administrative unit of level COMMUNE).' })
  @Index()
  @Column({ type: 'uuid' })
  communeId: string;

  @ManyToOne(() => AdministrativeUnit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'commune_id' })
  communeRef?: AdministrativeUnit;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the coordination plan was agreed.',
  })
  @Column({ type: 'date', nullable: true })
  coordinationPlanDate: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

/** Which organizations sponsor a partnership. Removing a partnership removes its sponsor rows. */
@Entity('partnership_sponsors')
export class PartnershipSponsor {
  @PrimaryColumn({ type: 'uuid' })
  partnershipId: string;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: Partnership;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;
}
