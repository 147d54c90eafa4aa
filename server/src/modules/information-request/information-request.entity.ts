import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { Organization } from '../organization/organization.entity';
import { Partnership } from '../partnership/partnership.entity';

export enum InformationTopic {
  COMMUNE_CHARACTERISTICS = 'COMMUNE_CHARACTERISTICS',
  POLITICAL_SYSTEM = 'POLITICAL_SYSTEM',
  POLICY_FAMILIES_AND_POOR_HOUSEHOLDS = 'POLICY_FAMILIES_AND_POOR_HOUSEHOLDS',
  OTHER = 'OTHER',
}
registerEnumType(InformationTopic, {
  name: 'InformationTopic',
  description:
    'Đặc điểm tình hình của xã; hoạt động của hệ thống Đảng, chính quyền, đoàn thể; danh sách gia đình chính sách, hộ nghèo theo từng thôn; khác.',
});

export enum InformationRequestStatus {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  RECEIVED = 'RECEIVED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(InformationRequestStatus, { name: 'InformationRequestStatus' });

/** A partnership asking local authorities for information about the commune. */
@ObjectType({ description: 'Đề nghị cung cấp thông tin.' })
@Entity('information_requests')
export class InformationRequest extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'partnership_id' })
  partnershipRef?: Partnership;

  @Field(() => InformationTopic)
  @Column({ type: 'enum', enum: InformationTopic, enumName: 'information_topic' })
  topic: InformationTopic;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  details: string | null;

  @Field(() => InformationRequestStatus)
  @Column({ type: 'enum', enum: InformationRequestStatus, enumName: 'information_request_status' })
  status: InformationRequestStatus;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  requestedDate: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  receivedDate: string | null;
}

@Entity('information_request_recipients')
export class InformationRequestRecipient {
  @PrimaryColumn({ type: 'uuid' })
  informationRequestId: string;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => InformationRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'information_request_id' })
  informationRequest?: InformationRequest;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;
}
