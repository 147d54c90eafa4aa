import { buildCrudResolvers } from '../../common/crud/resource';
import { InformationRequest } from './information-request.entity';
import { informationRequestService } from './information-request.service';

export const informationRequestResolvers = buildCrudResolvers({
  entity: InformationRequest,
  name: 'InformationRequest',
  plural: 'InformationRequests',
  service: informationRequestService,
});
