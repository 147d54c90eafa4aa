import {
  BooleanField,
  DataTable,
  NullableBooleanInput,
  NumberInput,
  SelectField,
  SelectInput,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { relationChoices } from '../common/choices';
import { ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="householdId" source="householdId" reference="Household" />,
  <SelectInput key="relation" source="relation" choices={relationChoices} />,
  <NullableBooleanInput key="isPupil" source="isPupil" />,
  <NumberInput key="birthYear_gte" source="birthYear_gte" />,
  <NumberInput key="birthYear_lte" source="birthYear_lte" />,
];

export const HouseholdMemberList = () => (
  <ResourceList filters={filters} sort={{ field: 'fullName', order: 'ASC' }}>
    <DataTable.Col source="fullName" />
    <DataTable.Col source="householdId">
      <ReferenceField source="householdId" reference="Household" />
    </DataTable.Col>
    <DataTable.Col source="relation">
      <SelectField source="relation" choices={relationChoices} />
    </DataTable.Col>
    <DataTable.Col source="birthYear" />
    <DataTable.Col source="isPupil" field={BooleanField} />
    <DataTable.Col source="citizenIdMasked" disableSort />
  </ResourceList>
);
