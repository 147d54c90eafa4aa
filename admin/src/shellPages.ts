// react-admin's pages shown only after sign-in or on failure, fetched when first shown (App.tsx).
export { AccessDenied, AuthCallback, AuthenticationError, Error, NotFound } from 'react-admin';
