import { DataTable, SelectField, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { houseFundingSourceChoices } from '../common/choices';
import { MoneyCol } from '../common/fields';
import { ReferenceSelect } from '../common/inputs';
import { ResourceCreate, ResourceEdit, ResourceList } from '../common/views';
import { HouseProjectFundingFormLayout } from './HouseProjectFundingForm';

const filters = [
  <ReferenceSelect key="projectId" source="projectId" reference="HouseProject" />,
  <SelectInput key="source" source="source" choices={houseFundingSourceChoices} />,
];

export const HouseProjectFundingList = () => (
  <ResourceList filters={filters} sort={{ field: 'createdAt', order: 'ASC' }}>
    <DataTable.Col source="projectId">
      <ReferenceField source="projectId" reference="HouseProject" />
    </DataTable.Col>
    <DataTable.Col source="source">
      <SelectField source="source" choices={houseFundingSourceChoices} />
    </DataTable.Col>
    <MoneyCol source="amount" />
    <DataTable.Col source="programmeName" />
    <DataTable.NumberCol source="workdays" locales="vi-VN" />
  </ResourceList>
);

export const HouseProjectFundingCreate = () => (
  <ResourceCreate>
    <HouseProjectFundingFormLayout />
  </ResourceCreate>
);

export const HouseProjectFundingEdit = () => (
  <ResourceEdit>
    <HouseProjectFundingFormLayout />
  </ResourceEdit>
);
