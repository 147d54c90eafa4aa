import { DataTable } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, OrganizationChips } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="partnershipId" source="partnershipId" reference="Partnership" />,
  <ReferenceSelect key="partyId" source="partyId" reference="Organization" />,
  <DayInput key="signedDate_gte" source="signedDate_gte" />,
  <DayInput key="signedDate_lte" source="signedDate_lte" />,
];

export const MemorandumList = () => (
  <ResourceList filters={filters} sort={{ field: 'signedDate', order: 'DESC' }}>
    <DataTable.Col source="title" />
    <DataTable.Col source="partnershipId">
      <ReferenceField source="partnershipId" reference="Partnership" />
    </DataTable.Col>
    <DataTable.Col source="signedDate" field={DayField} />
    <DataTable.Col source="partyIds" disableSort>
      <OrganizationChips source="partyIds" />
    </DataTable.Col>
  </ResourceList>
);
