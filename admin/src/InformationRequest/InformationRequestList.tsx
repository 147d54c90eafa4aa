import { DataTable, SelectField, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { informationRequestStatusChoices, informationTopicChoices } from '../common/choices';
import { DayField, OrganizationChips } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="partnershipId" source="partnershipId" reference="Partnership" />,
  <SelectInput key="topic" source="topic" choices={informationTopicChoices} />,
  <SelectInput key="status" source="status" choices={informationRequestStatusChoices} />,
  <ReferenceSelect key="recipientId" source="recipientId" reference="Organization" />,
  <DayInput key="requestedDate_gte" source="requestedDate_gte" />,
  <DayInput key="requestedDate_lte" source="requestedDate_lte" />,
  <DayInput key="receivedDate_gte" source="receivedDate_gte" />,
  <DayInput key="receivedDate_lte" source="receivedDate_lte" />,
];

export const InformationRequestList = () => (
  <ResourceList filters={filters} sort={{ field: 'requestedDate', order: 'ASC' }}>
    <DataTable.Col source="topic">
      <SelectField source="topic" choices={informationTopicChoices} />
    </DataTable.Col>
    <DataTable.Col source="partnershipId">
      <ReferenceField source="partnershipId" reference="Partnership" />
    </DataTable.Col>
    <DataTable.Col source="recipientIds" disableSort>
      <OrganizationChips source="recipientIds" />
    </DataTable.Col>
    <DataTable.Col source="status">
      <SelectField source="status" choices={informationRequestStatusChoices} />
    </DataTable.Col>
    <DataTable.Col source="requestedDate" field={DayField} />
    <DataTable.Col source="receivedDate" field={DayField} />
  </ResourceList>
);
