import { SelectInput, SimpleForm, required } from 'react-admin';
import { householdCategoryChoices } from '../common/choices';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { notBefore } from '../common/validators';

export const HouseholdCategoryPeriodForm = () => (
  <SimpleForm>
    <ReferenceSelect source="householdId" reference="Household" isRequired />
    <SelectInput source="category" choices={householdCategoryChoices} validate={required()} />
    <DayInput source="validFrom" validate={required()} />
    <DayInput
      source="validTo"
      validate={notBefore('validFrom', 'app.validation.after_valid_from')}
    />
  </SimpleForm>
);
