import { Alert } from '@mui/material';
import {
  SelectInput,
  TextInput,
  minLength,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { householdCategoryChoices } from '../common/choices';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { notBefore } from '../common/validators';
import { ResourceForm } from '../common/views';

/**
 * A period the yearly reviews decide (source REVIEW or CORRECTION) says so, and asks the
 * administrator correcting it why: the reason is kept on the period and in the audit trail.
 */
export const HouseholdCategoryPeriodForm = () => {
  const record = useRecordContext<{ id: string; source?: string }>();
  const translate = useTranslate();
  const fromReview = record?.source === 'REVIEW' || record?.source === 'CORRECTION';
  return (
    // Each correction says its own why: the form starts with an empty reason, not the last one.
    <ResourceForm record={fromReview && record ? { ...record, correctionReason: '' } : undefined}>
      {fromReview && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('app.category_period.review_derived_notice')}
        </Alert>
      )}
      <ReferenceSelect
        source="householdId"
        reference="Household"
        isRequired
        disabled={fromReview}
      />
      <SelectInput source="category" choices={householdCategoryChoices} validate={required()} />
      <DayInput source="validFrom" validate={required()} />
      <DayInput
        source="validTo"
        validate={notBefore('validFrom', 'app.validation.after_valid_from')}
      />
      {fromReview && (
        <TextInput
          source="correctionReason"
          multiline
          validate={[required(), minLength(5)]}
          helperText="app.category_period.reason_help"
        />
      )}
    </ResourceForm>
  );
};
