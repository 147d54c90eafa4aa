import { DataTable, SelectField, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { successionKindChoices } from '../common/choices';
import { DayField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <SelectInput key="kind" source="kind" choices={successionKindChoices} />,
  <ReferenceSelect key="predecessorId" source="predecessorId" reference="AdministrativeUnit" />,
  <ReferenceSelect key="successorId" source="successorId" reference="AdministrativeUnit" />,
  <DayInput key="effectiveDate_gte" source="effectiveDate_gte" />,
  <DayInput key="effectiveDate_lte" source="effectiveDate_lte" />,
];

export const AdministrativeUnitSuccessionList = () => (
  <ResourceList filters={filters} sort={{ field: 'effectiveDate', order: 'DESC' }}>
    <DataTable.Col source="predecessorId">
      <ReferenceField source="predecessorId" reference="AdministrativeUnit" />
    </DataTable.Col>
    <DataTable.Col source="kind">
      <SelectField source="kind" choices={successionKindChoices} />
    </DataTable.Col>
    <DataTable.Col source="successorId">
      <ReferenceField source="successorId" reference="AdministrativeUnit" />
    </DataTable.Col>
    <DataTable.Col source="effectiveDate" field={DayField} />
    <DataTable.Col source="legalAct" />
  </ResourceList>
);
