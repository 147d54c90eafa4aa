import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { Organization } from '../organization/organization.entity';

/** A program plan such as 68-KH/TU, under which agencies adopt communes. */
@ObjectType({ description: 'Kế hoạch, e.g. 68-KH/TU.' })
@Entity('plans')
export class Plan extends BaseRecord {
  @Field(() => String, { description: 'Số hiệu, e.g. 68-KH/TU.' })
  @Index({ unique: true })
  @Column({ type: 'text' })
  code: string;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true, description: 'The model the plan deploys.' })
  @Column({ type: 'text', nullable: true })
  modelName: string | null;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  issuerId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id' })
  issuerRef?: Organization;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  issuedDate: string | null;
}
