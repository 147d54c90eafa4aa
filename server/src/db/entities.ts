import { AdministrativeUnit } from '../modules/administrative-unit/administrative-unit.entity';
import {
  Commitment,
  CommitmentProgress,
  ProgressEntry,
} from '../modules/commitment/commitment.entity';
import {
  InformationRequest,
  InformationRequestRecipient,
} from '../modules/information-request/information-request.entity';
import {
  CounterpartResponsibility,
  Memorandum,
  MemorandumParty,
} from '../modules/memorandum/memorandum.entity';
import { Organization } from '../modules/organization/organization.entity';
import { Partnership, PartnershipSponsor } from '../modules/partnership/partnership.entity';
import { Plan } from '../modules/plan/plan.entity';
import { Session, User } from '../modules/user/user.entity';

export const entities = [
  AdministrativeUnit,
  Organization,
  Plan,
  Partnership,
  PartnershipSponsor,
  InformationRequest,
  InformationRequestRecipient,
  Memorandum,
  MemorandumParty,
  CounterpartResponsibility,
  Commitment,
  ProgressEntry,
  CommitmentProgress,
  User,
  Session,
];
