/** The label that names the environment on every rendered object (and Argo CD's Applications). */
export const ENVIRONMENT_LABEL = 'lgtm.dev/environment';
