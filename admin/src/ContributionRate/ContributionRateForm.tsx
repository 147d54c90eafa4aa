import { SelectInput, required } from 'react-admin';
import { titleRankChoices } from '../common/choices';
import { DayInput, MoneyInput, ReferenceSelect } from '../common/inputs';
import { notBefore } from '../common/validators';
import { MonthInput } from '../Fund/month';
import { ResourceForm } from '../common/views';

export const ContributionRateForm = () => (
  <ResourceForm>
    <ReferenceSelect source="fundId" reference="Fund" isRequired />
    <SelectInput source="titleRank" choices={titleRankChoices} validate={required()} />
    <MoneyInput source="monthlyAmount" validate={required()} />
    <MonthInput source="validFrom" validate={required()} />
    <DayInput
      source="validTo"
      validate={notBefore('validFrom', 'app.validation.after_valid_from')}
    />
  </ResourceForm>
);
