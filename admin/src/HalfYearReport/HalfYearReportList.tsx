import { DataTable, NumberInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { EnumChipField } from '../common/EnumChip';
import { HalfYearField } from '../common/fields';
import { ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="groupId" source="groupId" reference="SupportGroup" />,
  <NumberInput key="year_gte" source="year_gte" />,
  <NumberInput key="year_lte" source="year_lte" />,
];

export const HalfYearReportList = () => (
  <ResourceList filters={filters} sort={{ field: 'year', order: 'DESC' }}>
    <DataTable.Col source="groupId">
      <ReferenceField source="groupId" reference="SupportGroup" />
    </DataTable.Col>
    <DataTable.Col source="half" field={HalfYearField} />
    <DataTable.Col source="status">
      <EnumChipField source="status" enumName="ReportStatus" />
    </DataTable.Col>
    <DataTable.NumberCol source="visitCount" locales="vi-VN" />
    <DataTable.NumberCol source="householdsVisited" locales="vi-VN" />
    <DataTable.NumberCol source="planStepsDone" locales="vi-VN" />
    <DataTable.NumberCol source="aspirationsRelayed" locales="vi-VN" />
    <DataTable.NumberCol source="aspirationsResolved" locales="vi-VN" />
  </ResourceList>
);
