import { SelectInput, TextInput, required } from 'react-admin';
import { informationRequestStatusChoices, informationTopicChoices } from '../common/choices';
import { DayInput, OrganizationsInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const InformationRequestForm = () => (
  <ResourceForm defaultValues={{ status: 'DRAFT' }}>
    <ReferenceSelect source="partnershipId" reference="Partnership" isRequired />
    <SelectInput source="topic" choices={informationTopicChoices} validate={required()} />
    <TextInput source="details" multiline validate={optionalText(TEXT_LONG)} />
    <OrganizationsInput source="recipientIds" isRequired />
    <SelectInput source="status" choices={informationRequestStatusChoices} validate={required()} />
    <DayInput source="requestedDate" />
    <DayInput source="receivedDate" />
  </ResourceForm>
);
