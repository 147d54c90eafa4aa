import { SelectInput, required } from 'react-admin';
import { householdCategoryChoices } from '../common/choices';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { notBefore } from '../common/validators';
import { ResourceForm } from '../common/views';

export const HouseholdCategoryPeriodForm = () => (
  <ResourceForm>
    <ReferenceSelect source="householdId" reference="Household" isRequired />
    <SelectInput source="category" choices={householdCategoryChoices} validate={required()} />
    <DayInput source="validFrom" validate={required()} />
    <DayInput
      source="validTo"
      validate={notBefore('validFrom', 'app.validation.after_valid_from')}
    />
  </ResourceForm>
);
