import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Exclusion, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { Organization } from '../organization/organization.entity';

/** Title ranks of the contribution schedule, each "or equivalent" (article: "và tương đương"). */
export enum TitleRank {
  DIRECTOR = 'DIRECTOR',
  DEPUTY_DIRECTOR = 'DEPUTY_DIRECTOR',
  HEAD_OF_DIVISION = 'HEAD_OF_DIVISION',
  DEPUTY_HEAD_OF_DIVISION = 'DEPUTY_HEAD_OF_DIVISION',
  CIVIL_SERVANT = 'CIVIL_SERVANT',
}
registerEnumType(TitleRank, {
  name: 'TitleRank',
  description:
    'Giám đốc · Phó Giám đốc · Trưởng phòng · Phó Trưởng phòng (mỗi bậc "và tương đương") · Công chức, viên chức.',
});

/** A cadre, party member, civil servant or public employee of an organization. */
@ObjectType({ description: 'Cán bộ, công chức, viên chức.' })
@Entity('staff_members')
@Index('staff_members_full_name_vi', { synchronize: false })
export class StaffMember extends BaseRecord {
  @Field(() => String)
  @Column({ type: 'text' })
  fullName: string;

  @Field(() => ID, { description: 'The organization the person works for now.' })
  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organization_id' })
  organizationRef?: Organization;

  @Field(() => String, {
    nullable: true,
    description: 'Chức vụ as written, e.g. "Chánh Văn phòng".',
  })
  @Column({ type: 'text', nullable: true })
  position: string | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: false })
  partyMember: boolean;

  @Field(() => Boolean, { description: 'Still working in the program.' })
  @Column({ type: 'boolean', default: true })
  active: boolean;
}

/**
 * The title a person held in an organization over a period. A promotion or a move to another
 * agency closes one period and opens the next, so any month's title can be answered later.
 */
@ObjectType({
  description: 'Quá trình chức danh: the title held in an organization over a period.',
})
@Entity('staff_assignments')
@Exclusion(
  'staff_assignments_no_overlap',
  `USING gist ("staff_member_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&)`,
)
export class StaffAssignment extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  staffMemberId: string;

  @ManyToOne(() => StaffMember, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'staff_member_id' })
  staffMemberRef?: StaffMember;

  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organization_id' })
  organizationRef?: Organization;

  @Field(() => TitleRank)
  @Column({ type: 'enum', enum: TitleRank, enumName: 'title_rank' })
  titleRank: TitleRank;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  validFrom: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day held; empty while current.',
  })
  @Column({ type: 'date', nullable: true })
  validTo: string | null;
}
