#!/bin/sh
# Runs a command of an unpacked image the way a Kubernetes pod with readOnlyRootFilesystem and an emptyDir on /tmp
# would: run-in-rootfs.sh ROOTFS WORKDIR UID GID FILE... -- COMMAND [ARG...]
#
# Started by ImageIT as `unshare --mount --uts --propagation private sh run-in-rootfs.sh ...`, so every mount below
# lives in a private mount namespace and disappears with the last process in it: nothing to unmount, whatever happens.
# The host name, in its own UTS namespace, is localhost, which the image's /etc/hosts resolves (in a pod, the kubelet
# writes the pod's name into /etc/hosts).
# The environment is the container's (the image's Env and the test's settings); the host's tools are called by path.
# FILEs (the JWT public key, the organisation registry) are copied read-only into the container's /tmp, as a
# mounted Secret or ConfigMap would be. Then the root is made read-only and the command is exec'd chrooted, in
# WORKDIR, as UID:GID without supplementary groups, keeping this process id (no fork), so the caller's Process is
# the command itself.
set -eu
root=$1 workdir=$2 uid=$3 gid=$4
shift 4
bin=/usr/bin
[ -x $bin/mount ] || bin=/bin

echo localhost >/proc/sys/kernel/hostname
$bin/mount --bind "$root" "$root"
$bin/mount -t tmpfs -o nosuid,nodev,mode=1777,size=256m tmpfs "$root/tmp"
# a minimal /dev, as a container runtime gives
$bin/mount -t tmpfs -o nosuid,noexec,mode=755,size=64k tmpfs "$root/dev"
for node in null zero full random urandom; do
  : >"$root/dev/$node"
  $bin/mount --bind "/dev/$node" "$root/dev/$node"
done
$bin/mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
while [ "$1" != -- ]; do
  $bin/cp "$1" "$root/tmp/"
  $bin/chmod 444 "$root/tmp/${1##*/}"
  shift
done
shift
$bin/mount -o remount,bind,ro,nosuid,nodev "$root"
exec $bin/unshare --root="$root" --wd="$workdir" --setgid="$gid" --setuid="$uid" -- "$@"
