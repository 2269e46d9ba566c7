{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "lienthong-hub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: the release name when it already says lienthong, else <release>-lienthong-hub. */}}
{{- define "lienthong-hub.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if or (contains $name .Release.Name) (hasPrefix "lienthong" .Release.Name) }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "lienthong-hub.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "lienthong-hub.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lienthong-hub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "lienthong-hub.labels" -}}
helm.sh/chart: {{ include "lienthong-hub.chart" . }}
{{ include "lienthong-hub.selectorLabels" . }}
app.kubernetes.io/version: {{ include "lienthong-hub.tag" . | quote }}
app.kubernetes.io/component: hub
app.kubernetes.io/part-of: lienthong
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "lienthong-hub.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "lienthong-hub.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The hub id: hub.id, else the release name. */}}
{{- define "lienthong-hub.hubId" -}}
{{- default .Release.Name .Values.hub.id }}
{{- end }}

{{/* Image tag: image.tag, else the chart's appVersion. The schema refuses "latest"; so does this, for --set. */}}
{{- define "lienthong-hub.tag" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag | toString }}
{{- if eq $tag "latest" }}
{{- fail "image.tag must name a version, not \"latest\"" }}
{{- end }}
{{- $tag }}
{{- end }}

{{- define "lienthong-hub.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s:%s@%s" .Values.image.repository (include "lienthong-hub.tag" .) .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (include "lienthong-hub.tag" .) }}
{{- end }}
{{- end }}

{{/* Name of the CloudNativePG Cluster. */}}
{{- define "lienthong-hub.cnpgCluster" -}}
{{- printf "%s-db" (include "lienthong-hub.fullname" .) | trunc 50 | trimSuffix "-" }}
{{- end }}

{{- define "lienthong-hub.databaseUrl" -}}
{{- if .Values.postgresql.cnpg.enabled }}
{{- printf "jdbc:postgresql://%s-rw:5432/%s" (include "lienthong-hub.cnpgCluster" .) .Values.postgresql.cnpg.database }}
{{- else }}
{{- required "database.url is required (or set postgresql.cnpg.enabled)" .Values.database.url }}
{{- end }}
{{- end }}

{{- define "lienthong-hub.databaseUser" -}}
{{- if .Values.postgresql.cnpg.enabled }}
{{- .Values.postgresql.cnpg.owner }}
{{- else }}
{{- .Values.database.username }}
{{- end }}
{{- end }}

{{- define "lienthong-hub.databaseSecretName" -}}
{{- if .Values.postgresql.cnpg.enabled }}
{{- printf "%s-app" (include "lienthong-hub.cnpgCluster" .) }}
{{- else }}
{{- .Values.database.passwordSecret.name }}
{{- end }}
{{- end }}

{{- define "lienthong-hub.databaseSecretKey" -}}
{{- if .Values.postgresql.cnpg.enabled }}password{{ else }}{{ .Values.database.passwordSecret.key }}{{ end }}
{{- end }}

{{/* Where the JWT public key is mounted, if it comes from a Secret or ConfigMap. */}}
{{- define "lienthong-hub.jwtKeyPath" -}}
/etc/lienthong/jwt/{{ .Values.jwt.publicKey.key }}
{{- end }}

{{- define "lienthong-hub.jwtKeyMounted" -}}
{{- if or .Values.jwt.publicKey.secretName .Values.jwt.publicKey.configMapName }}true{{ end }}
{{- end }}

{{/* Checks across values that JSON schema cannot express. */}}
{{- define "lienthong-hub.validate" -}}
{{- $jwtSources := 0 }}
{{- if .Values.jwt.jwksUrl }}{{ $jwtSources = add1 $jwtSources }}{{ end }}
{{- if .Values.jwt.publicKey.secretName }}{{ $jwtSources = add1 $jwtSources }}{{ end }}
{{- if .Values.jwt.publicKey.configMapName }}{{ $jwtSources = add1 $jwtSources }}{{ end }}
{{- if gt $jwtSources 1 }}
{{- fail "jwt: set only one of jwksUrl, publicKey.secretName and publicKey.configMapName" }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas" }}
{{- end }}
{{- if and .Values.podDisruptionBudget.enabled (not (kindIs "invalid" .Values.podDisruptionBudget.minAvailable)) (not (kindIs "invalid" .Values.podDisruptionBudget.maxUnavailable)) }}
{{- fail "podDisruptionBudget: set minAvailable or maxUnavailable, not both" }}
{{- end }}
{{- if and .Values.tracing.enabled (not .Values.tracing.endpoint) }}
{{- fail "tracing.endpoint is required when tracing.enabled" }}
{{- end }}
{{- if and .Values.metrics.serviceMonitor.enabled (not .Values.metrics.serviceMonitor.bearerTokenSecret.name) }}
{{- fail "metrics.serviceMonitor.bearerTokenSecret.name is required: /q/metrics needs a token" }}
{{- end }}
{{- if ge (add .Values.shutdown.delaySeconds .Values.shutdown.timeoutSeconds | int) (int .Values.terminationGracePeriodSeconds) }}
{{- fail "shutdown.delaySeconds + shutdown.timeoutSeconds must be below terminationGracePeriodSeconds, or Kubernetes kills the hub mid-shutdown" }}
{{- end }}
{{- if and (not .Values.postgresql.cnpg.enabled) (not .Values.database.passwordSecret.name) }}
{{- fail "database.passwordSecret.name is required (the password is only read from an existing Secret)" }}
{{- end }}
{{- end }}
