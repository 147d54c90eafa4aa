import { DataTable, SelectField, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { titleRankChoices } from '../common/choices';
import { DayField, MoneyCol, MoneyField } from '../common/fields';
import { ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';
import { MonthField } from '../Fund/month';

const filters = [
  <ReferenceSelect key="fundId" source="fundId" reference="Fund" />,
  <SelectInput key="titleRank" source="titleRank" choices={titleRankChoices} />,
];

export const ContributionRateList = () => (
  <ResourceList
    filters={filters}
    sort={{ field: 'validFrom', order: 'DESC' }}
    phone={{ secondaryText: <MoneyField source="monthlyAmount" /> }}
  >
    <DataTable.Col source="fundId">
      <ReferenceField source="fundId" reference="Fund" />
    </DataTable.Col>
    <DataTable.Col source="titleRank">
      <SelectField source="titleRank" choices={titleRankChoices} />
    </DataTable.Col>
    <MoneyCol source="monthlyAmount" />
    <DataTable.Col source="validFrom" field={MonthField} />
    <DataTable.Col source="validTo" field={DayField} />
  </ResourceList>
);
