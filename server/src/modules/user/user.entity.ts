import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { Role } from '../../common/roles';
import { Organization } from '../organization/organization.entity';
import { StaffMember } from '../staff/staff.entity';

/** Someone who signs in. The password is kept only as an argon2id PHC string. */
@ObjectType({ description: 'Người dùng.' })
@Entity('users')
export class User extends BaseRecord {
  @Field(() => String)
  @Index({ unique: true })
  @Column({ type: 'text' })
  username: string;

  @Field(() => String)
  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  passwordHash: string;

  @Field(() => Role)
  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'The agency an AGENCY_OFFICER works for (required for that role).',
  })
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organizationRef?: Organization;

  @Field(() => ID, {
    nullable: true,
    description: 'The staff record of a GROUP_MEMBER: they see the groups this person sits in.',
  })
  @Column({ type: 'uuid', nullable: true })
  staffMemberId: string | null;

  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_member_id' })
  staffMemberRef?: StaffMember;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}

/**
 * A signed-in browser. Stored server-side (so several app processes share sessions and a logout or
 * a disabled user takes effect at once); the cookie holds a random token, the table only its SHA-256.
 */
@Entity('sessions')
export class Session {
  @PrimaryColumn({ type: 'text' })
  tokenHash: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
