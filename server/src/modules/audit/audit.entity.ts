import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change of one row, written by a database trigger (not by the app), so changes made by scripts
 * and by hand in psql are caught too. The app's role may read entries but never change or delete them.
 */
@ObjectType({ description: 'Nhật ký thay đổi: một lần thêm, sửa hay xoá một bản ghi.' })
@Entity('audit_log')
@Index(['recordId', 'at'])
@Index(['actorUserId', 'at'])
@Index(['tableName', 'at'])
export class AuditEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Field(() => Date)
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Field(() => String, { description: 'The table changed, e.g. households.' })
  @Column({ type: 'text' })
  tableName: string;

  @Field(() => String, {
    description:
      'The id of the record changed (for a link table, the id of the record it belongs to).',
  })
  @Column({ type: 'text' })
  recordId: string;

  @Field(() => String, { description: 'INSERT, UPDATE or DELETE.' })
  @Column({ type: 'text' })
  operation: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Values before (UPDATE: only the changed fields). Identity numbers are never kept.',
  })
  @Column({ type: 'jsonb', nullable: true })
  oldValues: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Values after.' })
  @Column({ type: 'jsonb', nullable: true })
  newValues: Record<string, unknown> | null;

  @Field(() => [String], { nullable: true })
  @Column({ type: 'text', array: true, nullable: true })
  changedFields: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The signed-in user; null for scripts.' })
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  @Field(() => String, { description: 'The database role that ran the statement.' })
  @Column({ type: 'text' })
  dbUser: string;

  @Field(() => String, { description: 'The database transaction, to group changes made together.' })
  @Column({ type: 'bigint' })
  txid: string;
}

export enum AccessAction {
  READ = 'READ',
  EXPORT = 'EXPORT',
  REVEAL = 'REVEAL',
}
registerEnumType(AccessAction, {
  name: 'AccessAction',
  description: 'Xem · Xuất danh sách · Xem đầy đủ số định danh.',
});

/**
 * Who read which household's personal data, and when: what a breach notification within 72 hours
 * (Law 91/2025/QH15) needs to name the people affected by a compromised account.
 */
@ObjectType({ description: 'Nhật ký truy cập dữ liệu cá nhân.' })
@Entity('access_log')
@Index(['userId', 'at'])
@Index(['at'])
export class AccessLogEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Field(() => Date)
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  userId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  username: string;

  @Field(() => String)
  @Column({ type: 'text' })
  role: string;

  @Field(() => AccessAction)
  @Column({ type: 'enum', enum: AccessAction, enumName: 'access_action' })
  action: AccessAction;

  @Field(() => String, { description: 'The resource read, e.g. Household.' })
  @Column({ type: 'text' })
  resource: string;

  @Field(() => [ID])
  @Column({ type: 'uuid', array: true })
  recordIds: string[];

  @Field(() => [ID], { description: 'The households whose personal data was in the answer.' })
  @Column({ type: 'uuid', array: true })
  householdIds: string[];

  @Field(() => String, { nullable: true, description: 'Why a full identity number was revealed.' })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  address: string | null;
}
