import { SelectField, Show, SimpleShowLayout } from 'react-admin';
import { ReferenceField } from '../common/references';
import { titleRankChoices } from '../common/choices';
import { DayField, MoneyField } from '../common/fields';
import { ShowActions } from '../common/views';
import { MonthField } from '../Fund/month';

export const ContributionRateShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="fundId" reference="Fund" />
      <SelectField source="titleRank" choices={titleRankChoices} />
      <MoneyField source="monthlyAmount" />
      <MonthField source="validFrom" />
      <DayField source="validTo" />
    </SimpleShowLayout>
  </Show>
);
