{{/* Name of the chart, overridable. */}}
{{- define "lockstep.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-name[-chart-name], at most 63 characters (DNS label). */}}
{{- define "lockstep.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "lockstep.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "lockstep.labels" -}}
helm.sh/chart: {{ include "lockstep.chart" . }}
{{ include "lockstep.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: lockstep
{{- end }}

{{- define "lockstep.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lockstep.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "lockstep.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "lockstep.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "lockstep.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* "true" when leader election is on: explicitly, or automatically with more than one replica. */}}
{{- define "lockstep.leaderElection" -}}
{{- $setting := .Values.config.leaderElection.enabled }}
{{- if and (kindIs "bool" $setting) (not $setting) (gt (int .Values.replicaCount) 1) }}
{{- fail "config.leaderElection.enabled=false with replicaCount > 1 would let several replicas reconcile and write at once; use auto or true" }}
{{- end }}
{{- if kindIs "bool" $setting }}{{ $setting }}{{ else }}{{ gt (int .Values.replicaCount) 1 }}{{ end }}
{{- end }}

{{- define "lockstep.targetNamespace" -}}
{{- .Values.config.target.namespace | default .Release.Namespace }}
{{- end }}

{{- define "lockstep.leaseNamespace" -}}
{{- .Values.config.leaderElection.namespace | default .Release.Namespace }}
{{- end }}

{{/*
The Secret-backed files: value name -> the lockstep.* key (as its env var) it feeds and the folder it
is mounted under. `dir: true` mounts the whole Secret as a folder (the key points at the folder).
*/}}
{{- define "lockstep.secretFileTable" -}}
gitToken: {env: LOCKSTEP_GIT_TOKEN_FILE, mount: git-token}
gitPassword: {env: LOCKSTEP_GIT_PASSWORD_FILE, mount: git-password}
gitSshKey: {env: LOCKSTEP_GIT_SSH_KEY_FILE, mount: git-ssh-key}
gitSshKeyPassphrase: {env: LOCKSTEP_GIT_SSH_KEY_PASSPHRASE_FILE, mount: git-ssh-key-passphrase}
gitKnownHosts: {env: LOCKSTEP_GIT_KNOWN_HOSTS_FILE, mount: git-known-hosts}
gitCa: {env: LOCKSTEP_GIT_CA_FILE, mount: git-ca}
gitTrustedKeys: {env: LOCKSTEP_GIT_TRUSTED_KEYS_DIR, mount: git-trusted-keys, dir: true}
gitAllowedSigners: {env: LOCKSTEP_GIT_ALLOWED_SIGNERS_FILE, mount: git-allowed-signers}
tctlIdentity: {env: LOCKSTEP_TARGET_IDENTITY_FILE, mount: tctl-identity}
proxyCa: {env: LOCKSTEP_PROXY_CA_FILE, mount: proxy-ca}
webhookGithub: {env: LOCKSTEP_WEBHOOK_GITHUB_SECRET_FILE, mount: webhook-github}
webhookGitlab: {env: LOCKSTEP_WEBHOOK_GITLAB_TOKEN_FILE, mount: webhook-gitlab}
webhookHmac: {env: LOCKSTEP_WEBHOOK_HMAC_SECRET_FILE, mount: webhook-hmac}
apiToken: {env: LOCKSTEP_API_TOKEN_FILE, mount: api-token}
apiReadToken: {env: LOCKSTEP_API_READ_TOKEN_FILE, mount: api-read-token}
bumpToken: {env: LOCKSTEP_BUMP_TOKEN_FILE, mount: bump-token}
bumpReleasesToken: {env: LOCKSTEP_BUMP_RELEASES_TOKEN_FILE, mount: bump-releases-token}
{{- end }}

{{/* Checks across values that the schema cannot express. */}}
{{- define "lockstep.validate" -}}
{{- $s := .Values.secretFiles }}
{{- if and $s.gitSshKey.secretName (not $s.gitKnownHosts.secretName) }}
{{- fail "secretFiles.gitSshKey needs secretFiles.gitKnownHosts: Lockstep never trusts an SSH host key on first use" }}
{{- end }}
{{- if and $s.gitSshKeyPassphrase.secretName (not $s.gitSshKey.secretName) }}
{{- fail "secretFiles.gitSshKeyPassphrase is set but secretFiles.gitSshKey is not" }}
{{- end }}
{{- if and $s.gitPassword.secretName (not .Values.config.git.username) }}
{{- fail "secretFiles.gitPassword needs config.git.username" }}
{{- end }}
{{- if eq .Values.config.target.kind "tctl" }}
{{- if not $s.tctlIdentity.secretName }}
{{- fail "config.target.kind=tctl needs secretFiles.tctlIdentity (a Machine ID identity file)" }}
{{- end }}
{{- if not .Values.config.target.authServer }}
{{- fail "config.target.kind=tctl needs config.target.authServer" }}
{{- end }}
{{- end }}
{{- with .Values.config.bump }}
{{- if and .enabled (eq .delivery "pull-request") (not $s.bumpToken.secretName) }}
{{- fail "config.bump.delivery=pull-request needs secretFiles.bumpToken (the platform token)" }}
{{- end }}
{{- if and .enabled (not $.Values.config.git.url) }}
{{- fail "config.bump.enabled needs config.git.url: bumps are pushed to the repository Lockstep follows" }}
{{- end }}
{{- end }}
{{- if and .Values.tctl.image (not $s.tctlIdentity.secretName) }}
{{- fail "tctl.image needs secretFiles.tctlIdentity: tctl connects with a Machine ID identity file" }}
{{- end }}
{{- if and (eq .Values.config.git.verify "head") (not (or $s.gitTrustedKeys.secretName $s.gitAllowedSigners.secretName)) }}
{{- fail "config.git.verify=head needs secretFiles.gitTrustedKeys or secretFiles.gitAllowedSigners" }}
{{- end }}
{{- end }}

{{/*
One env var per non-empty leaf of a config map: the path in snake case, upper-cased, under the
prefix (git.tctlPath -> LOCKSTEP_GIT_TCTL_PATH), as Quarkus maps lockstep.git.tctl-path.
*/}}
{{- define "lockstep.configEnv" -}}
{{- $prefix := .prefix }}
{{- range $key, $value := .values }}
{{- $name := printf "%s_%s" $prefix ($key | snakecase | upper) }}
{{- if kindIs "map" $value }}
{{- include "lockstep.configEnv" (dict "prefix" $name "values" $value) }}
{{- else if kindIs "float64" $value }}
- name: {{ $name }}
  value: {{ int64 $value | toString | quote }}
{{- else if and (not (kindIs "invalid" $value)) (ne (toString $value) "") }}
- name: {{ $name }}
  value: {{ toString $value | quote }}
{{- end }}
{{- end }}
{{- end }}
