import { DataTable } from 'react-admin';
import { ReferenceField } from '../common/references';
import { MoneyCol, MoneyField } from '../common/fields';
import { ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="organizationId" source="organizationId" reference="Organization" />,
  <ReferenceSelect key="planId" source="planId" reference="Plan" />,
];

export const FundList = () => (
  <ResourceList
    filters={filters}
    sort={{ field: 'name', order: 'ASC' }}
    phone={{ secondaryText: <MoneyField source="balance" /> }}
  >
    <DataTable.Col source="name" />
    <DataTable.Col source="organizationId">
      <ReferenceField source="organizationId" reference="Organization" />
    </DataTable.Col>
    <DataTable.Col source="planId">
      <ReferenceField source="planId" reference="Plan" />
    </DataTable.Col>
    <MoneyCol source="balance" disableSort />
  </ResourceList>
);
