import { ResourceCreate } from '../common/views';
import { PovertyReviewForm } from './PovertyReviewForm';

/** Opened from a household (see CreateRelatedButton), it returns there once saved. */
export const PovertyReviewCreate = () => (
  <ResourceCreate>
    <PovertyReviewForm defaultValues={{ year: new Date().getFullYear() }} />
  </ResourceCreate>
);
