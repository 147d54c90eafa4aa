import { DataTable } from 'react-admin';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MoneyCol } from '../common/fields';
import { ResourceList } from '../common/views';

export const PovertyStandardList = () => (
  <ResourceList sort={{ field: 'validFrom', order: 'DESC' }}>
    <DataTable.Col source="name" />
    <DataTable.Col source="legalAct" />
    <DataTable.Col source="kind">
      <EnumChipField source="kind" enumName="PovertyStandardKind" />
    </DataTable.Col>
    <DataTable.Col source="validFrom" field={DayField} />
    <DataTable.Col source="validTo" field={DayField} />
    <MoneyCol source="ruralIncomeLine" />
    <MoneyCol source="urbanIncomeLine" />
  </ResourceList>
);
