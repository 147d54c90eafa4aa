import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { Organization } from '../organization/organization.entity';
import { Partnership } from '../partnership/partnership.entity';

/** The memorandum of understanding signed by the sponsors and the commune. */
@ObjectType({ description: 'Biên bản ghi nhớ.' })
@Entity('memoranda')
export class Memorandum extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'partnership_id' })
  partnershipRef?: Partnership;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  signedDate: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

@Entity('memorandum_parties')
export class MemorandumParty {
  @PrimaryColumn({ type: 'uuid' })
  memorandumId: string;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Memorandum, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'memorandum_id' })
  memorandum?: Memorandum;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;
}

/** What the commune committed to do in return (trách nhiệm của xã). */
@ObjectType({ description: 'Trách nhiệm của xã under a memorandum.' })
@Entity('counterpart_responsibilities')
export class CounterpartResponsibility extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  memorandumId: string;

  @ManyToOne(() => Memorandum, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'memorandum_id' })
  memorandumRef?: Memorandum;

  @Field(() => Int, { description: 'Order within the memorandum.' })
  @Column({ type: 'integer', default: 0 })
  position: number;

  @Field(() => String)
  @Column({ type: 'text' })
  description: string;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  responsibleOrganizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_organization_id' })
  responsibleOrganizationRef?: Organization;
}
