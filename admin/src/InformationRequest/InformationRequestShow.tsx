import { SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ReferenceField } from '../common/references';
import { informationRequestStatusChoices, informationTopicChoices } from '../common/choices';
import { DayField, MomentField, OrganizationChips } from '../common/fields';
import { ShowActions } from '../common/views';

export const InformationRequestShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="partnershipId" reference="Partnership" />
      <SelectField source="topic" choices={informationTopicChoices} />
      <TextField source="details" />
      <OrganizationChips source="recipientIds" />
      <SelectField source="status" choices={informationRequestStatusChoices} />
      <DayField source="requestedDate" />
      <DayField source="receivedDate" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
