import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import type { FieldViolation } from '../../common/errors';
import { Organization } from '../organization/organization.entity';
import { Partnership } from '../partnership/partnership.entity';
import {
  InformationRequest,
  InformationRequestStatus,
  InformationTopic,
} from './information-request.entity';

export const informationRequestService = new CrudService<InformationRequest>({
  entity: InformationRequest,
  name: 'InformationRequest',
  fields: {
    partnershipId: f.ref(() => Partnership, 'Partnership', 'partnership'),
    topic: f.enumOf(InformationTopic, 'InformationTopic'),
    details: f.longText({ optional: true }),
    recipientIds: f.refs(() => Organization, 'Organization', 'recipients', {
      table: 'information_request_recipients',
      ownerColumn: 'information_request_id',
      targetColumn: 'organization_id',
      filterName: 'recipientId',
    }),
    status: f.enumOf(InformationRequestStatus, 'InformationRequestStatus'),
    requestedDate: f.date({ optional: true }),
    receivedDate: f.date({ optional: true }),
  },
  searchColumns: ['details'],
  defaultSort: { field: 'requestedDate', order: 'ASC' },
  rules(request) {
    const violations: FieldViolation[] = [];
    if (
      request.requestedDate &&
      request.receivedDate &&
      request.receivedDate < request.requestedDate
    ) {
      violations.push({
        field: 'receivedDate',
        rule: 'afterRequestedDate',
        message: 'must not be before requestedDate',
      });
    }
    if (request.receivedDate && request.status !== InformationRequestStatus.RECEIVED) {
      violations.push({
        field: 'status',
        rule: 'receivedMeansReceived',
        message: 'must be RECEIVED when a received date is set',
      });
    }
    return violations;
  },
});
