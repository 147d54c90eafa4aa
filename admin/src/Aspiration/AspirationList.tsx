import { BooleanInput, DataTable, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { aspirationAgeChoices, aspirationStatusChoices } from '../common/choices';
import { EnumChipField } from '../common/EnumChip';
import { DayField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';
import { AspirationActions } from './AspirationActions';

const filters = [
  <ReferenceSelect key="householdId" source="householdId" reference="Household" />,
  <SelectInput key="status" source="status" choices={aspirationStatusChoices} />,
  <BooleanInput key="open" source="open" />,
  <SelectInput key="ageBucket" source="ageBucket" choices={aspirationAgeChoices} />,
  <ReferenceSelect key="authorityId" source="authorityId" reference="Organization" />,
  <DayInput key="recordedDate_gte" source="recordedDate_gte" />,
  <DayInput key="recordedDate_lte" source="recordedDate_lte" />,
  <DayInput key="forwardedDate_gte" source="forwardedDate_gte" />,
  <DayInput key="forwardedDate_lte" source="forwardedDate_lte" />,
  <DayInput key="responseDate_gte" source="responseDate_gte" />,
  <DayInput key="responseDate_lte" source="responseDate_lte" />,
];

export const AspirationList = () => (
  <ResourceList filters={filters} sort={{ field: 'recordedDate', order: 'DESC' }}>
    <DataTable.Col source="recordedDate" field={DayField} />
    <DataTable.Col source="householdId">
      <ReferenceField source="householdId" reference="Household" />
    </DataTable.Col>
    <DataTable.Col source="content" cellSx={() => ({ minWidth: 240 })} />
    <DataTable.Col source="status">
      <EnumChipField source="status" enumName="AspirationStatus" />
    </DataTable.Col>
    <DataTable.Col source="authorityId">
      <ReferenceField source="authorityId" reference="Organization" />
    </DataTable.Col>
    <DataTable.Col
      source="ageDays"
      align="right"
      disableSort
      render={(record) => (record.open ? (record.ageDays as number).toLocaleString('vi-VN') : '')}
    />
    <DataTable.Col disableSort>
      <AspirationActions />
    </DataTable.Col>
  </ResourceList>
);
