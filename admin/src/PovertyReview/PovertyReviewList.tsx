import { DataTable, NumberInput, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { povertyResultChoices } from '../common/choices';
import { EnumChipField } from '../common/EnumChip';
import { DayField } from '../common/fields';
import { ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="householdId" source="householdId" reference="Household" />,
  <SelectInput key="result" source="result" choices={povertyResultChoices} />,
  <NumberInput key="year_gte" source="year_gte" />,
  <NumberInput key="year_lte" source="year_lte" />,
];

export const PovertyReviewList = () => (
  <ResourceList filters={filters} sort={{ field: 'year', order: 'DESC' }}>
    <DataTable.Col source="year" />
    <DataTable.Col source="householdId">
      <ReferenceField source="householdId" reference="Household" />
    </DataTable.Col>
    <DataTable.Col source="reviewDate" field={DayField} />
    <DataTable.Col source="result">
      <EnumChipField source="result" enumName="PovertyResult" />
    </DataTable.Col>
    <DataTable.Col source="standard" />
  </ResourceList>
);
